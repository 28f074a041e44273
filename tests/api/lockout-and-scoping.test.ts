import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema/audit';
import { rateLimits, sessions } from '../../db/schema/auth';
import { idempotencyKeys } from '../../db/schema/sync';
import { hashToken } from '../../worker/core/access/tokens';
import { SIGN_IN_PER_ADDRESS } from '../../worker/features/auth/rate-limit';
import {
	createLocation,
	createProduct,
	createUser,
	TEST_PASSWORD,
	totpCode
} from '../support/factories';
import { createTestApi, type Session, type TestApi } from '../support/test-api';

let t: TestApi;
beforeAll(async () => {
	t = await createTestApi();
});

const cookieOf = (res: Response) => res.headers.get('set-cookie')!.split(';')[0]!;
// Each test its own address, so the per-address sign-in limit of one test never
// decides another's.
const from = () => ({
	'x-ordo-client-ip': `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`
});

async function passwordStep(email: string, headers: Record<string, string>) {
	const res = await t.request('/api/auth/sign-in', {
		method: 'POST',
		headers,
		json: { email, password: TEST_PASSWORD }
	});
	return { status: res.status, cookie: res.status === 200 ? cookieOf(res) : '' };
}

const verify = (cookie: string, code: string) =>
	t.request('/api/auth/mfa/verify', { method: 'POST', headers: { cookie }, json: { code } });

describe('second-factor lockout (security, PCI DSS 8.3.4)', () => {
	it('a right password does not reset code failures: 9 codes, sign in again, 1 more locks', async () => {
		const ip = from();
		const manager = await createUser(t.db, { role: 'manager' });
		const first = await passwordStep(manager.email, ip);
		for (let i = 0; i < 9; i++) expect((await verify(first.cookie, '000000')).status).toBe(401);
		const second = await passwordStep(manager.email, ip);
		expect(second.status).toBe(200);
		expect((await verify(second.cookie, '000000')).status).toBe(401);
		// Ten wrong codes in all: locked, the right code no longer works, nor does the password.
		expect((await verify(second.cookie, totpCode())).status).toBe(401);
		expect((await passwordStep(manager.email, ip)).status).toBe(401);
	});

	it('a completed sign-in clears the code failures', async () => {
		const ip = from();
		const manager = await createUser(t.db, { role: 'manager' });
		const first = await passwordStep(manager.email, ip);
		for (let i = 0; i < 9; i++) await verify(first.cookie, '000000');
		expect((await verify(first.cookie, totpCode())).status).toBe(200);
		const again = await passwordStep(manager.email, ip);
		for (let i = 0; i < 5; i++) expect((await verify(again.cookie, '000000')).status).toBe(401);
		expect((await passwordStep(manager.email, ip)).status).toBe(200);
	});

	it('a session half-way through MFA can sign out', async () => {
		const manager = await createUser(t.db, { role: 'manager' });
		const { cookie } = await passwordStep(manager.email, from());
		const res = await t.request('/api/auth/sign-out', { method: 'POST', headers: { cookie } });
		expect(res.status).toBe(200);
		expect(await t.db.select().from(sessions).where(eq(sessions.userId, manager.id))).toEqual([]);
	});
});

describe('password change is no password oracle (security)', () => {
	const change = (session: Session, currentPassword: string, headers = {}) =>
		t.request('/api/auth/password', {
			method: 'POST',
			session,
			headers,
			json: { currentPassword, newPassword: 'a brand new passphrase 7' }
		});

	it('counts a wrong current password toward the lockout, audits it, and ends the sessions at 10', async () => {
		const session = await t.signIn('support');
		const ip = from();
		for (let i = 0; i < 9; i++) expect((await change(session, `guess ${i}`, ip)).status).toBe(422);
		const failures = await t.db
			.select()
			.from(auditLog)
			.where(
				sql`${auditLog.action} = 'auth.password_change' AND ${auditLog.outcome} = 'failure'
					AND ${auditLog.targetId} = ${session.user.id}`
			);
		expect(failures).toHaveLength(9);
		expect((await change(session, 'guess 10', ip)).status).toBe(422);
		// Locked: the session is gone and the right password does not sign in.
		expect((await t.request('/api/auth/me', { session })).status).toBe(401);
		expect((await passwordStep(session.user.email, from())).status).toBe(401);
	});

	it('is rate-limited by the sign-in limiter of the account (429)', async () => {
		const session = await t.signIn('support');
		const full = { windowStart: Date.now(), count: 20 };
		await t.db
			.insert(rateLimits)
			.values({ key: `sign-in:account:${hashToken(session.user.email)}`, ...full })
			.onConflictDoUpdate({ target: rateLimits.key, set: full });
		const res = await change(session, 'one more guess', from());
		expect(res.status).toBe(429);
		expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
	});
});

describe('idempotency is scoped to the person, and keeps no free text (security)', () => {
	it('replays the same key from a new session of the same person: applied once', async () => {
		const first = await t.signIn('warehouse');
		const productId = (await createProduct(t.db)).id;
		const locationId = (await createLocation(t.db)).id;
		const adjust = (cookie: string) =>
			t.request('/api/inventory/adjustments', {
				method: 'POST',
				headers: { cookie, 'idempotency-key': 'outbox-item-1' },
				json: { productId, locationId, delta: 2, reason: 'cycle count' }
			});
		const applied = await adjust(first.cookie);
		expect(applied.status).toBe(201);
		const later = await passwordStep(first.user.email, from());
		const retried = await adjust(later.cookie);
		expect(retried.status).toBe(201);
		expect(retried.headers.get('idempotent-replayed')).toBe('true');
		expect(await retried.json()).toEqual(await applied.json());
	});

	it('stores only a hash of the Idempotency-Key', async () => {
		const session = await t.signIn('support');
		const key = 'card-4111111111111111';
		const res = await t.request('/api/users/me/sessions/revoke', {
			method: 'POST',
			session,
			headers: { 'idempotency-key': key }
		});
		expect(res.status).toBe(200);
		const rows = await t.db.select().from(idempotencyKeys);
		expect(rows.map((r) => r.key)).toContain(hashToken(key));
		expect(JSON.stringify(rows)).not.toContain('4111111111111111');
	});

	it('never stores the email typed at sign-in in the rate-limit key', async () => {
		const typed = 'typed.by.someone.4242@example.com';
		const res = await t.request('/api/auth/sign-in', {
			method: 'POST',
			headers: from(),
			json: { email: typed, password: 'whatever it is' }
		});
		expect(res.status).toBe(401);
		const keys = (await t.db.select().from(rateLimits)).map((r) => r.key);
		expect(keys).toContain(`sign-in:account:${hashToken(typed)}`);
		expect(keys.join(' ')).not.toContain('typed.by.someone');
		// A card number typed as the email is refused before anything is counted or kept.
		const card = await t.request('/api/auth/sign-in', {
			method: 'POST',
			headers: from(),
			json: { email: '4111111111111111@example.com', password: 'whatever it is' }
		});
		expect(card.status).toBe(422);
		const after = (await t.db.select().from(rateLimits)).map((r) => r.key);
		expect(after).not.toContain(`sign-in:account:${hashToken('4111111111111111@example.com')}`);
	});
});

describe('the per-address sign-in limit counts failures (security, usability)', () => {
	it('lets right passwords through from an address one try short of its limit', async () => {
		const headers = from();
		const ip = headers['x-ordo-client-ip'];
		const key = `${SIGN_IN_PER_ADDRESS.name}:${ip}`;
		await t.db
			.insert(rateLimits)
			.values({ key, windowStart: Date.now(), count: SIGN_IN_PER_ADDRESS.max - 1 });
		for (let i = 0; i < 3; i++) {
			const person = await createUser(t.db, { role: 'warehouse' });
			expect((await passwordStep(person.email, headers)).status).toBe(200);
		}
		const [row] = await t.db.select().from(rateLimits).where(eq(rateLimits.key, key));
		expect(row!.count).toBe(SIGN_IN_PER_ADDRESS.max - 1);
		// A wrong password still counts, and the next attempt is over the limit.
		const stranger = await createUser(t.db, { role: 'warehouse' });
		const wrong = await t.request('/api/auth/sign-in', {
			method: 'POST',
			headers,
			json: { email: stranger.email, password: 'not the password at all' }
		});
		expect(wrong.status).toBe(401);
		expect((await passwordStep(stranger.email, headers)).status).toBe(429);
	});
});
