import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { sessions, users } from '../../db/schema/auth';
import { createUser, TEST_PASSWORD } from '../support/factories';
import { createTestApi, type TestApi } from '../support/test-api';

let t: TestApi;

beforeAll(async () => {
	t = await createTestApi();
});

const signIn = (email: string, password: string, headers: HeadersInit = {}) =>
	t.request('/api/auth/sign-in', { method: 'POST', json: { email, password }, headers });

describe('sign-in (happy)', () => {
	it('sets a __Host- cookie that is HttpOnly, Secure and SameSite=Lax, storing only a hash', async () => {
		const user = await createUser(t.db, { role: 'support' });
		const res = await signIn(user.email.toUpperCase(), TEST_PASSWORD);
		expect(res.status).toBe(200);
		const cookie = res.headers.get('set-cookie')!;
		expect(cookie).toMatch(/^__Host-ordo_session=[a-z2-7]{32,};/);
		expect(cookie).toMatch(/HttpOnly/);
		expect(cookie).toMatch(/Secure/);
		expect(cookie).toMatch(/SameSite=Lax/);
		expect(cookie).toMatch(/Path=\//);
		const token = /=([^;]+)/.exec(cookie)![1]!;
		const stored = await t.db.select().from(sessions).where(eq(sessions.userId, user.id));
		expect(stored).toHaveLength(1);
		expect(stored[0]!.id).not.toContain(token);
		expect(stored[0]!.id).toMatch(/^[0-9a-f]{64}$/);
	});

	it('knows who is signed in', async () => {
		const session = await t.signIn('warehouse');
		const res = await t.request('/api/auth/me', { session });
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body.user.role).toBe('warehouse');
		expect(body.permissions).toContain('inventory.adjust');
		expect(body.permissions).not.toContain('payments.refund');
	});
});

describe('sign-in (error)', () => {
	it('gives the same answer for an unknown email and a wrong password', async () => {
		const user = await createUser(t.db, { role: 'support' });
		const wrong = await signIn(user.email, 'not the password at all');
		const unknown = await signIn('nobody@ordo.test', 'not the password at all');
		expect(wrong.status).toBe(401);
		expect(unknown.status).toBe(401);
		const [a, b] = [await wrong.json(), await unknown.json()];
		expect(a.title).toBe(b.title);
		expect(a.type).toBe(b.type);
	});

	it('locks the account after 10 failures, even for the right password (PCI DSS 8.3.4)', async () => {
		const user = await createUser(t.db, { role: 'support' });
		for (let i = 0; i < 10; i++)
			expect((await signIn(user.email, 'wrong password here')).status).toBe(401);
		expect((await signIn(user.email, TEST_PASSWORD)).status).toBe(401);
		const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
		expect(row!.lockedUntil! - Date.now()).toBeGreaterThan(29 * 60_000);
	});

	it('refuses a disabled account', async () => {
		const user = await createUser(t.db, { role: 'support', disabledAt: Date.now() });
		expect((await signIn(user.email, TEST_PASSWORD)).status).toBe(401);
	});
});

describe('sessions (security)', () => {
	it('ends after 15 minutes idle (PCI DSS 8.2.8)', async () => {
		const session = await t.signIn('support');
		await t.db
			.update(sessions)
			.set({ idleExpiresAt: Date.now() - 1 })
			.where(eq(sessions.userId, session.user.id));
		const res = await t.request('/api/auth/me', { session });
		expect(res.status).toBe(401);
		expect((await res.json()).type).toBe('urn:ordo:problem:session-expired');
	});

	it('slides the idle expiry forward when used', async () => {
		const session = await t.signIn('support');
		const past = Date.now() - 5 * 60_000;
		await t.db
			.update(sessions)
			.set({ lastUsedAt: past, idleExpiresAt: past + 15 * 60_000 })
			.where(eq(sessions.userId, session.user.id));
		expect((await t.request('/api/auth/me', { session })).status).toBe(200);
		const [row] = await t.db.select().from(sessions).where(eq(sessions.userId, session.user.id));
		expect(row!.idleExpiresAt).toBeGreaterThan(Date.now() + 14 * 60_000);
	});

	it('signs out: the token stops working', async () => {
		const session = await t.signIn('support');
		const out = await t.request('/api/auth/sign-out', { method: 'POST', session });
		expect(out.status).toBe(200);
		expect(out.headers.get('set-cookie')).toMatch(/__Host-ordo_session=;/);
		expect((await t.request('/api/auth/me', { session })).status).toBe(401);
	});

	it('refuses a cookie-authenticated change from another site (CSRF)', async () => {
		const session = await t.signIn('support');
		const attempts: Record<string, string>[] = [
			{ origin: 'https://evil.example' },
			{ 'sec-fetch-site': 'cross-site' }
		];
		for (const headers of attempts) {
			const res = await t.request('/api/auth/sign-out', { method: 'POST', session, headers });
			expect(res.status).toBe(403);
		}
		expect((await t.request('/api/auth/me', { session })).status).toBe(200);
	});

	it('refuses a sign-in posted from another site (login CSRF)', async () => {
		const user = await createUser(t.db, { role: 'support' });
		const res = await signIn(user.email, TEST_PASSWORD, { origin: 'https://evil.example' });
		expect(res.status).toBe(403);
	});
});
