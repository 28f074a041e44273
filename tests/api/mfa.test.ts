import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { sessions, users } from '../../db/schema/auth';
import { createUser, TEST_PASSWORD, totpCode } from '../support/factories';
import { createTestApi, roundTrips, type TestApi } from '../support/test-api';

let t: TestApi;
beforeAll(async () => {
	t = await createTestApi();
});

const cookieOf = (res: Response) => res.headers.get('set-cookie')!.split(';')[0]!;

async function passwordStep(email: string, password = TEST_PASSWORD) {
	const res = await t.request('/api/auth/sign-in', { method: 'POST', json: { email, password } });
	expect(res.status).toBe(200);
	return { cookie: cookieOf(res), body: await res.json() };
}

const post = (path: string, cookie: string, json?: unknown, headers: Record<string, string> = {}) =>
	t.request(path, { method: 'POST', headers: { cookie, ...headers }, json });

describe('MFA for admins and managers (PCI DSS 8.4.2)', () => {
	it('a password alone opens nothing but the second-factor step', async () => {
		const admin = await createUser(t.db, { role: 'admin' });
		const { cookie, body } = await passwordStep(admin.email);
		expect(body.next).toBe('mfa_verify');
		const res = await t.request('/api/inventory/products?q=x', { headers: { cookie } });
		expect(res.status).toBe(401);
		expect((await res.json()).type).toBe('urn:ordo:problem:mfa-required');
	});

	it('a right code signs in with a NEW token in one round trip; the old one is dead', async () => {
		const admin = await createUser(t.db, { role: 'admin' });
		const { cookie } = await passwordStep(admin.email);
		const res = await post('/api/auth/mfa/verify', cookie, { code: totpCode() });
		expect(res.status).toBe(200);
		expect(roundTrips(res).domain).toBe(1);
		const full = cookieOf(res);
		expect(full).not.toBe(cookie);
		expect((await t.request('/api/auth/me', { headers: { cookie: full } })).status).toBe(200);
		expect((await t.request('/api/auth/me', { headers: { cookie } })).status).toBe(401);
	});

	it('refuses a wrong code and a replayed code', async () => {
		const admin = await createUser(t.db, { role: 'admin' });
		const first = await passwordStep(admin.email);
		expect((await post('/api/auth/mfa/verify', first.cookie, { code: '000000' })).status).toBe(401);
		const code = totpCode();
		expect((await post('/api/auth/mfa/verify', first.cookie, { code })).status).toBe(200);
		const second = await passwordStep(admin.email);
		const replay = await post('/api/auth/mfa/verify', second.cookie, { code });
		expect(replay.status).toBe(401);
		expect((await replay.json()).type).toBe('urn:ordo:problem:mfa-failed');
	});

	it('locks the account after 10 wrong codes and drops the half-signed-in session', async () => {
		const manager = await createUser(t.db, { role: 'manager' });
		const { cookie } = await passwordStep(manager.email);
		for (let i = 0; i < 10; i++) {
			expect((await post('/api/auth/mfa/verify', cookie, { code: '000000' })).status).toBe(401);
		}
		expect((await post('/api/auth/mfa/verify', cookie, { code: totpCode() })).status).toBe(401);
		const again = await t.request('/api/auth/sign-in', {
			method: 'POST',
			json: { email: manager.email, password: TEST_PASSWORD }
		});
		expect(again.status).toBe(401);
	});

	it('sets up an authenticator for a manager who has none, then gives recovery codes once', async () => {
		const manager = await createUser(t.db, {
			role: 'manager',
			totpSecret: null,
			mfaEnrolledAt: null
		});
		const { cookie, body } = await passwordStep(manager.email);
		expect(body.next).toBe('mfa_enroll');
		const refused = await post('/api/auth/mfa/enroll', cookie, undefined, {
			'idempotency-key': 'k1'
		});
		expect(refused.status).toBe(400);
		const start = await post('/api/auth/mfa/enroll', cookie);
		expect(start.status).toBe(200);
		expect(roundTrips(start).domain).toBe(1);
		const { secret, uri } = await start.json();
		expect(uri).toMatch(/^otpauth:\/\/totp\/Ordo:/);
		const [row] = await t.db.select().from(users).where(eq(users.id, manager.id));
		expect(row!.totpPendingSecret).toMatch(/^v1\./);
		expect(row!.totpPendingSecret).not.toContain(secret);

		const wrong = await post('/api/auth/mfa/enroll/confirm', cookie, { code: '123456' });
		expect(wrong.status).toBe(422);
		const code = totpCode(Date.now(), decodeBase32IgnorePadding(secret));
		const done = await post('/api/auth/mfa/enroll/confirm', cookie, { code });
		expect(done.status).toBe(200);
		expect(roundTrips(done).domain).toBe(1);
		const { recoveryCodes } = await done.json();
		expect(recoveryCodes).toHaveLength(10);
		const full = cookieOf(done);
		expect((await t.request('/api/auth/me', { headers: { cookie: full } })).status).toBe(200);

		// A recovery code signs in once, and only once.
		const later = await passwordStep(manager.email);
		expect(later.body.next).toBe('mfa_verify');
		const recovered = await post('/api/auth/mfa/verify', later.cookie, { code: recoveryCodes[0] });
		expect(recovered.status).toBe(200);
		const again = await passwordStep(manager.email);
		const spent = await post('/api/auth/mfa/verify', again.cookie, { code: recoveryCodes[0] });
		expect(spent.status).toBe(401);
	});

	it('lets support staff in with a password when they have not enrolled', async () => {
		const support = await createUser(t.db, { role: 'support' });
		const { cookie, body } = await passwordStep(support.email);
		expect(body.next).toBeNull();
		expect((await t.request('/api/auth/me', { headers: { cookie } })).status).toBe(200);
	});
});

describe('password change (re-authentication)', () => {
	it('needs the current password and a policy-passing new one', async () => {
		const session = await t.signIn('support');
		const wrong = await t.request('/api/auth/password', {
			method: 'POST',
			session,
			json: { currentPassword: 'nope', newPassword: 'a brand new passphrase 7' }
		});
		expect(wrong.status).toBe(422);
		expect((await wrong.json()).errors).toHaveProperty('currentPassword');
		const weak = await t.request('/api/auth/password', {
			method: 'POST',
			session,
			json: { currentPassword: TEST_PASSWORD, newPassword: 'short' }
		});
		expect(weak.status).toBe(422);
		expect((await weak.json()).errors).toHaveProperty('newPassword');
	});

	it('ends every other session and keeps this one on a new token', async () => {
		const session = await t.signIn('support');
		const [other] = await t.db.select().from(sessions).where(eq(sessions.userId, session.user.id));
		const res = await t.request('/api/auth/password', {
			method: 'POST',
			session,
			json: { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase 7' }
		});
		expect(res.status).toBe(200);
		expect((await t.request('/api/auth/me', { session })).status).toBe(401);
		const left = await t.db.select().from(sessions).where(eq(sessions.userId, session.user.id));
		expect(left.map((s) => s.id)).not.toContain(other!.id);
		expect((await t.request('/api/auth/me', { headers: { cookie: cookieOf(res) } })).status).toBe(
			200
		);
		const signIn = await t.request('/api/auth/sign-in', {
			method: 'POST',
			json: { email: session.user.email, password: 'a brand new passphrase 7' }
		});
		expect(signIn.status).toBe(200);
	});
});

describe('sign-in rate limits (security)', () => {
	it('slows a flood at one account with 429 and Retry-After', async () => {
		const user = await createUser(t.db, { role: 'warehouse' });
		let last: Response | undefined;
		for (let i = 0; i < 21; i++) {
			last = await t.request('/api/auth/sign-in', {
				method: 'POST',
				json: { email: user.email, password: i < 20 ? 'wrong password again' : TEST_PASSWORD }
			});
		}
		expect(last!.status).toBe(429);
		expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
	});
});
