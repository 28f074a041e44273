import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type Session, type TestApi } from '../support/test-api';

let t: TestApi;
let warehouse: Session;

beforeAll(async () => {
	t = await createTestApi();
	warehouse = await t.signIn('warehouse');
});

describe('problem+json (RFC 9457)', () => {
	it('answers an unknown route with a 404 problem carrying the request id', async () => {
		const res = await t.request('/api/nowhere');
		expect(res.status).toBe(404);
		expect(res.headers.get('content-type')).toBe('application/problem+json');
		const body = await res.json();
		expect(body).toMatchObject({ type: 'urn:ordo:problem:route-not-found', status: 404 });
		expect(body.title).toEqual(expect.any(String));
		expect(body.requestId).toBe(res.headers.get('x-request-id'));
	});

	it('answers malformed JSON with a 400 problem, not a 500', async () => {
		const res = await t.request('/api/inventory/adjustments', {
			method: 'POST',
			session: warehouse,
			headers: { 'content-type': 'application/json' },
			body: '{"productId": '
		});
		expect(res.status).toBe(400);
		expect((await res.json()).type).toBe('urn:ordo:problem:malformed-body');
	});

	it('answers a missing session with 401', async () => {
		const res = await t.request('/api/inventory/products?q=a');
		expect(res.status).toBe(401);
		expect((await res.json()).type).toBe('urn:ordo:problem:signed-out');
	});

	it('answers a bad query with 422 naming the field', async () => {
		const res = await t.request('/api/inventory/products?q=a&limit=500', { session: warehouse });
		expect(res.status).toBe(422);
		expect((await res.json()).errors).toHaveProperty('limit');
	});
});

describe('health', () => {
	it('reports version, database and migration level', async () => {
		const res = await t.request('/api/health');
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body).toMatchObject({ status: 'ok', database: { reachable: true, pending: [] } });
		expect(body.database.level).toMatch(/^\d{4}_/);
		expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
	});
});

describe('database down', () => {
	it('answers 503 problem, not a 500, when the database cannot be reached', async () => {
		const { api } = await import('../../worker/app');
		const res = await api.request(
			'/api/health',
			{},
			{ LIBSQL_URL: 'file:/nonexistent-dir/x/ordo.db' }
		);
		expect(res.status).toBe(503);
		expect((await res.json()).type).toBe('urn:ordo:problem:database-unavailable');
	});
});

describe('security headers (security)', () => {
	it('sends HSTS, no-referrer, camera for self only, nosniff and a deny-all CSP on API responses', async () => {
		for (const res of [await t.request('/api/health'), await t.request('/api/nowhere')]) {
			expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{8}/);
			expect(res.headers.get('referrer-policy')).toBe('no-referrer');
			expect(res.headers.get('permissions-policy')).toContain('camera=(self)');
			expect(res.headers.get('x-content-type-options')).toBe('nosniff');
			expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
			expect(res.headers.get('cache-control')).toBe('no-store');
		}
	});
});
