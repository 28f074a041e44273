import { afterAll, describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations.generated';
import { edgeApi } from './edge-api';

// The `fresh` database is empty and nothing but this file touches it, so every
// table it ends up with was created by the worker, in workerd, over HTTP.
const t = edgeApi('fresh');
const newest = migrations.at(-1)!.tag;

afterAll(() => t.client.close());

const tableCount = async () =>
	Number(
		(await t.client.execute("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'"))
			.rows[0]!.n
	);

describe('migration in workerd (happy)', () => {
	it('runs inside workerd, not Node', () => {
		expect(navigator.userAgent).toBe('Cloudflare-Workers');
	});

	it('brings an empty database to the newest migration on its first request', async () => {
		expect(await tableCount()).toBe(0);
		const res = await t.request('/api/health');
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({
			status: 'ok',
			database: { reachable: true, level: newest, pending: [] }
		});
		const ledger = await t.client.execute('SELECT tag FROM _ordo_migrations ORDER BY tag');
		expect(ledger.rows.map((r) => r.tag)).toEqual(migrations.map((m) => m.tag));
		expect(await tableCount()).toBeGreaterThan(migrations.length);
	});

	it('answers health in one round trip once migrated', async () => {
		const res = await t.request('/api/health');
		expect(res.status).toBe(200);
		expect(res.headers.get('x-ordo-db-round-trips')).toBe('1');
		expect((await res.json()).database.level).toBe(newest);
	});
});

describe('database down (error)', () => {
	it('answers a 503 problem when the Hrana server cannot be reached', async () => {
		const { api } = await import('../../worker/app');
		// Port 9 (discard) on loopback: nothing listens, so the connection is refused.
		const res = await api.request('/api/health', {}, { LIBSQL_URL: 'http://127.0.0.1:9' });
		expect(res.status).toBe(503);
		expect(res.headers.get('content-type')).toBe('application/problem+json');
		expect((await res.json()).type).toBe('urn:ordo:problem:database-unavailable');
	});
});
