import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../worker/features/auth/password';
import { createUser, TEST_PASSWORD } from '../support/factories';
import { shopApi, type EdgeApi } from './edge-api';

// Sign-in verifies with @noble/hashes scrypt and keeps sessions with crypto.subtle:
// both must work inside workerd, not only in Node. The factories store a cheap
// hash for speed; the happy path here signs in against a production-strength one.
let t: EdgeApi;

beforeAll(async () => {
	t = await shopApi();
});

afterAll(() => t.client.close());

const signIn = (email: string, password: string, headers: HeadersInit = {}) =>
	t.request('/api/auth/sign-in', { method: 'POST', json: { email, password }, headers });

describe('sign-in (happy)', () => {
	it('verifies a production scrypt hash and sets a __Host- session cookie that opens /api/auth/me', async () => {
		const passwordHash = await hashPassword(TEST_PASSWORD);
		expect(passwordHash).toMatch(/^\$scrypt\$ln=14,/);
		const user = await createUser(t.db, { role: 'support', passwordHash });
		const res = await signIn(user.email, TEST_PASSWORD);
		expect(res.status).toBe(200);
		const cookie = res.headers.get('set-cookie')!;
		expect(cookie).toMatch(/^__Host-ordo_session=[a-z2-7]{32,};/);
		expect(cookie).toMatch(/HttpOnly/);
		expect(cookie).toMatch(/Secure/);
		expect(cookie).toMatch(/SameSite=Lax/);
		const me = await t.request('/api/auth/me', { headers: { cookie: cookie.split(';')[0]! } });
		expect(me.status).toBe(200);
		expect((await me.json()).user).toMatchObject({ id: user.id, role: 'support' });
	});
});

describe('sign-in (security)', () => {
	it('refuses a wrong password with a 401 problem and no cookie', async () => {
		const user = await createUser(t.db, { role: 'support' });
		const res = await signIn(user.email, 'not the password at all');
		expect(res.status).toBe(401);
		expect(res.headers.get('set-cookie')).toBeNull();
		expect((await res.json()).type).toBe('urn:ordo:problem:sign-in-failed');
	});

	it('refuses a sign-in posted from another site (login CSRF)', async () => {
		const user = await createUser(t.db, { role: 'support' });
		const res = await signIn(user.email, TEST_PASSWORD, { origin: 'https://evil.example' });
		expect(res.status).toBe(403);
		expect(res.headers.get('set-cookie')).toBeNull();
	});
});

describe('problem+json (error)', () => {
	it('answers an unknown route with a 404 problem carrying the request id', async () => {
		const res = await t.request('/api/nowhere');
		expect(res.status).toBe(404);
		expect(res.headers.get('content-type')).toBe('application/problem+json');
		const body = await res.json();
		expect(body).toMatchObject({ type: 'urn:ordo:problem:route-not-found', status: 404 });
		expect(body.requestId).toBe(res.headers.get('x-request-id'));
	});

	it('answers malformed JSON with a 400 problem, not a 500', async () => {
		const session = await t.signIn('warehouse');
		const res = await t.request('/api/inventory/adjustments', {
			method: 'POST',
			session,
			headers: { 'content-type': 'application/json' },
			body: '{"productId": '
		});
		expect(res.status).toBe(400);
		expect((await res.json()).type).toBe('urn:ordo:problem:malformed-body');
	});

	it('answers a request without a session with a 401 problem', async () => {
		const res = await t.request('/api/inventory/products?q=heart');
		expect(res.status).toBe(401);
		expect((await res.json()).type).toBe('urn:ordo:problem:signed-out');
	});
});
