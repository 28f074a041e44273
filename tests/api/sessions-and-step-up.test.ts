import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema/audit';
import { sessions } from '../../db/schema/auth';
import { createUser, TEST_PASSWORD, totpCode } from '../support/factories';
import { createTestApi, roundTrips, type Session, type TestApi } from '../support/test-api';

let t: TestApi;
let admin: Session;
beforeAll(async () => {
	t = await createTestApi();
	admin = await t.signIn('admin');
});

const cookieOf = (res: Response) => res.headers.get('set-cookie')!.split(';')[0]!;
const ip = () => ({
	'x-ordo-client-ip': `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`
});
const CHROME_ANDROID =
	'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36';

async function signInAs(
	email: string,
	password = TEST_PASSWORD,
	headers: Record<string, string> = {}
) {
	const res = await t.request('/api/auth/sign-in', {
		method: 'POST',
		headers: { ...ip(), ...headers },
		json: { email, password }
	});
	return { res, cookie: res.status === 200 ? cookieOf(res) : '', body: await res.clone().json() };
}

const me = (cookie: string) => t.request('/api/auth/me', { headers: { cookie } });

describe('my sessions (OWASP ASVS V7)', () => {
	it('keeps at most 10 live sessions per person: the 11th sign-in ends the oldest', async () => {
		const user = await createUser(t.db, { role: 'support' });
		const cookies: string[] = [];
		for (let i = 0; i < 11; i++) cookies.push((await signInAs(user.email)).cookie);
		const live = await t.db.select().from(sessions).where(eq(sessions.userId, user.id));
		expect(live).toHaveLength(10);
		expect((await me(cookies[0]!)).status).toBe(401);
		expect((await me(cookies[10]!)).status).toBe(200);
	});

	it('lists my sessions with device and which is this one, and ends one of them', async () => {
		const user = await createUser(t.db, { role: 'support' });
		const phone = await signInAs(user.email, TEST_PASSWORD, { 'user-agent': CHROME_ANDROID });
		const desk = await signInAs(user.email);
		const list = await t.request('/api/auth/sessions', { headers: { cookie: desk.cookie } });
		expect(list.status).toBe(200);
		const { items } = (await list.json()) as {
			items: {
				id: string;
				device: string;
				current: boolean;
				createdAt: string;
				lastUsedAt: string;
			}[];
		};
		expect(items).toHaveLength(2);
		expect(items.filter((s) => s.current)).toHaveLength(1);
		const other = items.find((s) => !s.current)!;
		expect(other.device).toBe('Chrome on Android');
		const end = await t.request(`/api/auth/sessions/${other.id}/end`, {
			method: 'POST',
			headers: { cookie: desk.cookie }
		});
		expect(end.status).toBe(200);
		expect(roundTrips(end).domain).toBe(1);
		expect(await end.json()).toEqual({ id: other.id, ended: true });
		expect((await me(phone.cookie)).status).toBe(401);
		expect((await me(desk.cookie)).status).toBe(200);
	});

	it("cannot end another person's session (404, nothing ended)", async () => {
		const victim = await createUser(t.db, { role: 'support' });
		const theirs = await signInAs(victim.email);
		const [row] = await t.db.select().from(sessions).where(eq(sessions.userId, victim.id));
		const res = await t.request(`/api/auth/sessions/${row!.id.slice(0, 16)}/end`, {
			method: 'POST',
			session: admin
		});
		expect(res.status).toBe(404);
		expect((await me(theirs.cookie)).status).toBe(200);
	});
});

describe('step-up re-authentication (security)', () => {
	const sensitive = (staffId: string) => [
		{
			path: '/api/users',
			json: {
				email: `new.${crypto.randomUUID().slice(0, 8)}@ordo.test`,
				name: 'New Person',
				role: 'support',
				password: 'purple tractor under the stairs'
			}
		},
		{ path: `/api/users/${staffId}/role`, json: { role: 'support' } },
		{ path: `/api/users/${staffId}/mfa/reset` },
		{ path: `/api/users/${staffId}/temporary-password` },
		{ path: `/api/users/${staffId}/enable` },
		{ path: '/api/audit/purge' },
		{ path: '/api/integrations/api-keys', json: { name: 'sync', permissions: ['inventory.read'] } }
	];

	it('asks a session older than 5 minutes to confirm it is you, then lets a fresh sign-in through', async () => {
		const stale = await t.signIn('admin');
		await t.db
			.update(sessions)
			.set({ authenticatedAt: Date.now() - 6 * 60_000 })
			.where(eq(sessions.userId, stale.user.id));
		const staff = await createUser(t.db, { role: 'warehouse' });
		for (const { path, json } of sensitive(staff.id)) {
			const res = await t.request(path, { method: 'POST', session: stale, json });
			expect(res.status, path).toBe(403);
			const problem = await res.json();
			expect(problem.type).toBe('urn:ordo:problem:reauth-required');
			expect(problem.title).toBe('Confirm it is you');
		}
		// Re-authenticating is signing in again with the session cookie: the old one ends.
		const password = await t.request('/api/auth/sign-in', {
			method: 'POST',
			headers: { cookie: stale.cookie, ...ip() },
			json: { email: stale.user.email, password: TEST_PASSWORD }
		});
		expect((await password.json()).next).toBe('mfa_verify');
		expect((await me(stale.cookie)).status).toBe(401);
		const mfa = await t.request('/api/auth/mfa/verify', {
			method: 'POST',
			headers: { cookie: cookieOf(password) },
			// The next step's code: the one t.signIn used is spent (replay guard).
			json: { code: totpCode(Date.now() + 30_000) }
		});
		expect(mfa.status).toBe(200);
		const fresh = { ...stale, cookie: cookieOf(mfa) };
		for (const { path, json } of sensitive(staff.id)) {
			const res = await t.request(path, { method: 'POST', session: fresh, json });
			expect(res.status, path).toBeLessThan(300);
		}
		const left = await t.db.select().from(sessions).where(eq(sessions.userId, stale.user.id));
		expect(left).toHaveLength(1);
	});

	it("signing in with another person's cookie leaves their session alone", async () => {
		const other = await createUser(t.db, { role: 'support' });
		const theirs = await signInAs(other.email);
		const mine = await createUser(t.db, { role: 'support' });
		await signInAs(mine.email, TEST_PASSWORD, { cookie: theirs.cookie });
		expect((await me(theirs.cookie)).status).toBe(200);
	});
});

describe('temporary password (PCI DSS 8.3.5)', () => {
	it('is shown once, ends their sessions, is audited, and must be changed at first use', async () => {
		const person = await createUser(t.db, { role: 'warehouse' });
		const old = await signInAs(person.email);
		const set = await t.request(`/api/users/${person.id}/temporary-password`, {
			method: 'POST',
			session: admin
		});
		expect(set.status).toBe(200);
		const { temporaryPassword } = (await set.json()) as { temporaryPassword: string };
		expect(temporaryPassword.length).toBeGreaterThanOrEqual(12);
		expect((await me(old.cookie)).status).toBe(401);
		const audited = await t.db
			.select()
			.from(auditLog)
			.where(
				and(eq(auditLog.action, 'users.temporary_password'), eq(auditLog.targetId, person.id))
			);
		expect(audited).toHaveLength(1);
		expect(JSON.stringify(audited)).not.toContain(temporaryPassword);

		const first = await signInAs(person.email, temporaryPassword);
		expect(first.body.next).toBe('change_password');
		const blocked = await t.request('/api/inventory/products?q=x', {
			headers: { cookie: first.cookie }
		});
		expect(blocked.status).toBe(403);
		expect((await blocked.json()).type).toBe('urn:ordo:problem:password-change-required');
		const who = await me(first.cookie);
		expect(who.status).toBe(200);
		expect((await who.json()).passwordChangeRequired).toBe(true);

		const changed = await t.request('/api/auth/password', {
			method: 'POST',
			headers: { cookie: first.cookie },
			json: { currentPassword: temporaryPassword, newPassword: 'my very own passphrase 31' }
		});
		expect(changed.status).toBe(200);
		const after = await t.request('/api/inventory/products?q=x', {
			headers: { cookie: cookieOf(changed) }
		});
		expect(after.status).toBe(200);
	});

	it('is never stored for replay (Idempotency-Key refused) and not for oneself', async () => {
		const person = await createUser(t.db, { role: 'warehouse' });
		const replayable = await t.request(`/api/users/${person.id}/temporary-password`, {
			method: 'POST',
			session: admin,
			headers: { 'idempotency-key': 'tmp-1' }
		});
		expect(replayable.status).toBe(400);
		const own = await t.request(`/api/users/${admin.user.id}/temporary-password`, {
			method: 'POST',
			session: admin
		});
		expect(own.status).toBe(409);
	});

	it('applies to accounts an admin creates: the new person chooses their own password', async () => {
		const email = `hired.${crypto.randomUUID().slice(0, 8)}@ordo.test`;
		const created = await t.request('/api/users', {
			method: 'POST',
			session: admin,
			json: {
				email,
				name: 'New Hire',
				role: 'support',
				password: 'purple tractor under the stairs'
			}
		});
		expect(created.status).toBe(201);
		const first = await signInAs(email, 'purple tractor under the stairs');
		expect(first.body.next).toBe('change_password');
	});
});
