import { and, eq, isNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema/audit';
import { recoveryCodes, sessions, users, type Role } from '../../db/schema/auth';
import { createUser, insertApiKey, TEST_PASSWORD } from '../support/factories';
import { createTestApi, type Session, type TestApi } from '../support/test-api';

let t: TestApi;
let admin: Session;

beforeAll(async () => {
	t = await createTestApi();
	admin = await t.signIn('admin');
});

const NEW_PASSWORD = 'purple tractor under the stairs';

// Support and warehouse staff need no second factor, so a password opens a full session.
async function staff(role: Role = 'support') {
	return createUser(t.db, { role });
}

async function signInAs(email: string, password = TEST_PASSWORD): Promise<Session> {
	const res = await t.request('/api/auth/sign-in', { method: 'POST', json: { email, password } });
	expect(res.status).toBe(200);
	const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
	const { user } = await res.json();
	return { cookie, user };
}

const post = (path: string, json?: unknown, session = admin) =>
	t.request(path, { method: 'POST', session, json });
const me = (session: Session) => t.request('/api/auth/me', { session });

async function audited(action: string, targetId: string) {
	return t.db
		.select()
		.from(auditLog)
		.where(and(eq(auditLog.action, action), eq(auditLog.targetId, targetId)));
}

describe('staff accounts (happy)', () => {
	it('creates an account that can sign in, and lists it', async () => {
		const email = `new.${crypto.randomUUID().slice(0, 8)}@ordo.test`;
		const res = await post('/api/users', {
			email: email.toUpperCase(),
			name: 'Nadia Okafor',
			role: 'warehouse',
			password: NEW_PASSWORD
		});
		expect(res.status).toBe(201);
		const created = await res.json();
		expect(created).toMatchObject({ email, name: 'Nadia Okafor', role: 'warehouse' });
		expect(JSON.stringify(created)).not.toMatch(/password|scrypt/i);
		await signInAs(email, NEW_PASSWORD);
		const list = await (await t.request('/api/users', { session: admin })).json();
		expect(list.items.map((u: { id: string }) => u.id)).toContain(created.id);
	});

	it('lists role, status, MFA and the last sign-in once the person has signed in', async () => {
		const user = await staff('warehouse');
		const find = async () => {
			const list = await (await t.request('/api/users', { session: admin })).json();
			return list.items.find((u: { id: string }) => u.id === user.id);
		};
		expect(await find()).toMatchObject({
			role: 'warehouse',
			disabled: false,
			lastSignInAt: null,
			mfaEnrolled: false
		});
		const before = Date.now();
		await signInAs(user.email);
		const row = await find();
		expect(Date.parse(row.lastSignInAt)).toBeGreaterThanOrEqual(before - 1);
		await t.db.update(users).set({ mfaEnrolledAt: Date.now() }).where(eq(users.id, user.id));
		expect((await find()).mfaEnrolled).toBe(true);
	});

	it('shows one account with how many sessions it has open', async () => {
		const user = await staff();
		await signInAs(user.email);
		await signInAs(user.email);
		const res = await t.request(`/api/users/${user.id}`, { session: admin });
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ id: user.id, email: user.email, activeSessions: 2 });
	});

	it('changes the role: their sessions end and the new permissions apply', async () => {
		const user = await staff('support');
		const before = await signInAs(user.email);
		const adjust = (session: Session) =>
			post(
				'/api/inventory/adjustments',
				{ productId: 'x', locationId: 'y', delta: 1, reason: 'count' },
				session
			);
		expect((await adjust(before)).status).toBe(403);

		const res = await post(`/api/users/${user.id}/role`, { role: 'warehouse' });
		expect(res.status).toBe(200);
		expect((await res.json()).role).toBe('warehouse');
		expect((await me(before)).status).toBe(401);

		const after = await signInAs(user.email);
		const body = await (await me(after)).json();
		expect(body.permissions).toContain('inventory.adjust');
		expect(body.permissions).not.toContain('customers.write');
		const [entry] = await audited('users.role_change', user.id);
		expect(entry).toMatchObject({
			actorId: admin.user.id,
			details: { from: 'support', to: 'warehouse' }
		});
	});

	it('disables at once: open sessions end and sign-in is refused; enabling lets them back', async () => {
		const user = await staff();
		const session = await signInAs(user.email);
		expect((await post(`/api/users/${user.id}/disable`)).status).toBe(200);
		expect((await me(session)).status).toBe(401);
		expect(await t.db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
		const refused = await t.request('/api/auth/sign-in', {
			method: 'POST',
			json: { email: user.email, password: TEST_PASSWORD }
		});
		expect(refused.status).toBe(401);

		const enabled = await post(`/api/users/${user.id}/enable`);
		expect(await enabled.json()).toMatchObject({ disabled: false, disabledAt: null });
		await signInAs(user.email);
		expect(await audited('users.disable', user.id)).toHaveLength(1);
		expect(await audited('users.enable', user.id)).toHaveLength(1);
	});

	it('signs a person out everywhere, leaving the account enabled', async () => {
		const user = await staff();
		const phone = await signInAs(user.email);
		const tablet = await signInAs(user.email);
		const res = await post(`/api/users/${user.id}/sessions/revoke`);
		expect(await res.json()).toEqual({ userId: user.id, activeSessions: 0 });
		expect((await me(phone)).status).toBe(401);
		expect((await me(tablet)).status).toBe(401);
		await signInAs(user.email);
		expect(await audited('users.sessions_revoke', user.id)).toHaveLength(1);
	});

	it('lets a person sign out everywhere else and keep this session', async () => {
		const user = await staff('warehouse');
		const here = await signInAs(user.email);
		const elsewhere = await signInAs(user.email);
		const res = await post('/api/users/me/sessions/revoke', undefined, here);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ userId: user.id, activeSessions: 1 });
		expect((await me(here)).status).toBe(200);
		expect((await me(elsewhere)).status).toBe(401);
		const [entry] = await audited('users.sessions_revoke', user.id);
		expect(entry).toMatchObject({ actorId: user.id, details: { scope: 'other_sessions' } });
	});

	it('resets MFA: secret, replay guard and recovery codes go, and so do the sessions', async () => {
		const user = await staff();
		const session = await signInAs(user.email);
		await t.db
			.update(users)
			.set({ totpSecret: 'sealed', totpLastStep: 42, mfaEnrolledAt: Date.now() })
			.where(eq(users.id, user.id));
		await t.db.insert(recoveryCodes).values({ userId: user.id, codeHash: 'f'.repeat(64) });

		const res = await post(`/api/users/${user.id}/mfa/reset`);
		expect(res.status).toBe(200);
		expect((await res.json()).mfaEnrolled).toBe(false);
		const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
		expect(row).toMatchObject({ totpSecret: null, totpPendingSecret: null, totpLastStep: null });
		expect(
			await t.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))
		).toEqual([]);
		expect((await me(session)).status).toBe(401);
		expect(await audited('users.mfa_reset', user.id)).toHaveLength(1);
	});
});

describe('staff accounts (error)', () => {
	const create = (overrides: Record<string, unknown>) =>
		post('/api/users', {
			email: `e.${crypto.randomUUID().slice(0, 8)}@ordo.test`,
			name: 'Ravi Mehta',
			role: 'support',
			password: NEW_PASSWORD,
			...overrides
		});

	it('refuses a weak password with a field error and creates nothing', async () => {
		const email = `weak.${crypto.randomUUID().slice(0, 8)}@ordo.test`;
		const res = await create({ email, password: 'short' });
		expect(res.status).toBe(422);
		const problem = await res.json();
		expect(problem.errors.password[0]).toMatch(/12 characters/);
		expect(await t.db.select().from(users).where(eq(users.email, email))).toEqual([]);
	});

	it('refuses a second account for the same email, whatever its case (409)', async () => {
		const email = `dup.${crypto.randomUUID().slice(0, 8)}@ordo.test`;
		expect((await create({ email })).status).toBe(201);
		const again = await create({ email: email.toUpperCase() });
		expect(again.status).toBe(409);
		expect((await again.json()).type).toBe('urn:ordo:problem:email-taken');
	});

	it('refuses a card number typed into the name (PCI DSS 3.3)', async () => {
		const res = await create({ name: 'Pay 4111 1111 1111 1111' });
		expect(res.status).toBe(422);
		expect((await res.json()).errors.name).toBeDefined();
	});

	it('refuses an unknown role (422)', async () => {
		const user = await staff();
		const res = await post(`/api/users/${user.id}/role`, { role: 'owner' });
		expect(res.status).toBe(422);
	});

	it.each(['role', 'disable', 'enable', 'sessions/revoke', 'mfa/reset'])(
		'answers 404 for %s on an account that does not exist, and records nothing',
		async (action) => {
			const id = crypto.randomUUID();
			const res = await post(
				`/api/users/${id}/${action}`,
				action === 'role' ? { role: 'support' } : undefined
			);
			expect(res.status).toBe(404);
			expect((await res.json()).type).toBe('urn:ordo:problem:user-not-found');
			expect(await t.db.select().from(auditLog).where(eq(auditLog.targetId, id))).toEqual([]);
		}
	);

	it('answers 404 for an account that does not exist', async () => {
		const res = await t.request(`/api/users/${crypto.randomUUID()}`, { session: admin });
		expect(res.status).toBe(404);
	});
});

describe('staff accounts (security)', () => {
	it.each<Role>(['manager', 'support', 'warehouse'])('refuses the %s role (403)', async (role) => {
		const session = await t.signIn(role);
		const user = await staff();
		const attempts = [
			t.request('/api/users', { session }),
			t.request(`/api/users/${user.id}`, { session }),
			post(
				'/api/users',
				{ email: 'x@ordo.test', name: 'X', role: 'admin', password: NEW_PASSWORD },
				session
			),
			post(`/api/users/${user.id}/role`, { role: 'admin' }, session),
			post(`/api/users/${user.id}/disable`, undefined, session)
		];
		for (const res of await Promise.all(attempts)) expect(res.status).toBe(403);
		const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
		expect(row).toMatchObject({ role: 'support', disabledAt: null });
	});

	it('refuses an admin disabling their own account, which keeps working', async () => {
		const self = await t.signIn('admin');
		const res = await post(`/api/users/${self.user.id}/disable`, undefined, self);
		expect(res.status).toBe(409);
		expect((await res.json()).type).toBe('urn:ordo:problem:cannot-disable-yourself');
		expect((await me(self)).status).toBe(200);
	});

	it('refuses an admin resetting their own MFA (that needs re-authentication)', async () => {
		const self = await t.signIn('admin');
		const res = await post(`/api/users/${self.user.id}/mfa/reset`, undefined, self);
		expect(res.status).toBe(409);
	});

	it('keeps the role when nothing changes, and then leaves the sessions alone', async () => {
		const user = await staff('support');
		const session = await signInAs(user.email);
		expect((await post(`/api/users/${user.id}/role`, { role: 'support' })).status).toBe(200);
		expect((await me(session)).status).toBe(200);
	});
});

describe('the last active admin (security)', () => {
	let fresh: TestApi;
	let only: Session;

	beforeAll(async () => {
		// A database of its own: here there must be exactly one active admin.
		fresh = await createTestApi();
		only = await fresh.signIn('admin');
	});

	const activeAdmins = async () =>
		(
			await fresh.db
				.select()
				.from(users)
				.where(and(eq(users.role, 'admin'), isNull(users.disabledAt)))
		).length;

	it('cannot be demoted, and keeps their role and session', async () => {
		const res = await fresh.request(`/api/users/${only.user.id}/role`, {
			method: 'POST',
			session: only,
			json: { role: 'manager' }
		});
		expect(res.status).toBe(409);
		expect((await res.json()).type).toBe('urn:ordo:problem:last-admin');
		expect(await activeAdmins()).toBe(1);
		expect((await fresh.request('/api/auth/me', { session: only })).status).toBe(200);
		expect(
			await fresh.db.select().from(auditLog).where(eq(auditLog.action, 'users.role_change'))
		).toEqual([]);
	});

	it('cannot be disabled, even by a (legacy) API key that may manage users', async () => {
		// Keys can no longer be minted with users.manage; one from before that rule exists here.
		// Made by the only admin: a key acts only while its creator's account does.
		const { key } = await insertApiKey(fresh.db, ['users.manage'], 'provisioning', only.user.id);
		const res = await fresh.request(`/api/users/${only.user.id}/disable`, {
			method: 'POST',
			headers: { authorization: `Bearer ${key}` }
		});
		expect(res.status).toBe(409);
		expect((await res.json()).type).toBe('urn:ordo:problem:last-admin');
		expect(await activeAdmins()).toBe(1);
	});

	it('survives two admins demoting each other at the same moment', async () => {
		const a = await fresh.signIn('admin');
		const b = await fresh.signIn('admin');
		// Leave a and b as the only active admins.
		await fresh.db.update(users).set({ disabledAt: Date.now() }).where(eq(users.id, only.user.id));
		const demote = (actor: Session, target: Session) =>
			fresh.request(`/api/users/${target.user.id}/role`, {
				method: 'POST',
				session: actor,
				json: { role: 'support' }
			});
		const statuses = (await Promise.all([demote(a, b), demote(b, a)])).map((r) => r.status);
		expect(statuses.filter((s) => s === 200)).toHaveLength(1);
		expect(await activeAdmins()).toBe(1);
	});
});

describe('creating staff is audited (PCI DSS 10.2.1.5)', () => {
	it('records users.create with the new account as target', async () => {
		const res = await t.request('/api/users', {
			method: 'POST',
			session: admin,
			json: {
				email: 'new.starter@ordo.test',
				name: 'New Starter',
				role: 'support',
				password: 'a long enough passphrase 31'
			}
		});
		expect(res.status).toBe(201);
		const { id } = await res.json();
		expect(await audited('users.create', id)).toHaveLength(1);
	});
});
