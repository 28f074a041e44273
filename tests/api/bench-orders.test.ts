// npm run bench's order additions at a size npm test can afford, so they cannot rot: the
// bulk orders are whole and numbered on from the counter, every order-search input plans
// without a table scan and finds what it was drawn from, and the placement measurement
// places real orders three ways and reports their round trips.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectScenario } from '../../bench/inspect';
import { measurePlacement } from '../../bench/order-placement';
import { orderDetail, orderSearch } from '../../bench/order-scenarios';
import { seedOrders } from '../../bench/seed-orders';
import { stockProducts } from '../../bench/stress/fixture';
import { checkInvariants } from '../../bench/stress/invariants';
import {
	freePortInRange,
	startProductionServer,
	type ProductionServer
} from '../../bench/stress/servers';
import { ensureBuilt } from '../support/embedded-server';
import { createTestDb, type TestDb } from '../support/test-db';

let t: TestDb;
let server: ProductionServer | undefined;

beforeAll(async () => {
	t = await createTestDb();
	await t.client.execute('PRAGMA journal_mode = WAL');
	await stockProducts(t.client, { count: 30, units: 100, prefix: 'SHOP' });
}, 60_000);
afterAll(async () => {
	await server?.stop();
});

describe('bench: orders at scale', () => {
	it('writes whole orders in bulk, numbered on from the counter', async () => {
		const made = await seedOrders(t.client, { orders: 600, now: Date.now() });
		expect(made).toMatchObject({ orders: 600, customers: 60 });
		const one = async (q: string) => (await t.client.execute(q)).rows[0]!;
		expect(Number((await one('SELECT count(*) AS n FROM orders')).n)).toBe(600);
		expect(Number((await one('SELECT count(*) AS n FROM order_lines')).n)).toBe(made.lines);
		expect(await one(`SELECT value FROM counters WHERE name = 'order_number'`)).toMatchObject({
			value: 10_600
		});
		// Totals add up and numbers are whole (a JS number bound as REAL would give 'ORD-10001.0').
		const { violations } = await checkInvariants(t.client);
		expect(violations.filter((v) => /total|subtotal|partial/.test(v))).toEqual([]);
		expect(await one(`SELECT min(number) AS lo, max(number) AS hi FROM orders`)).toMatchObject({
			lo: 'ORD-10001',
			hi: 'ORD-10600'
		});
	});

	it('order search: every input plans without a scan and finds orders', async () => {
		const inspected = await inspectScenario(orderSearch, t.client);
		expect(inspected.scans).toEqual([]);
		const kinds = new Set(inspected.shapes.map((s) => s.label));
		expect([...kinds].sort()).toEqual(
			['dates', 'email', 'name', 'next page', 'number', 'phone', 'sku', 'status'].sort()
		);
		expect((await inspectScenario(orderDetail, t.client)).scans).toEqual([]);
	}, 60_000);

	it('order placement: HTTP with an API key, the verb and the bare batch all place orders', async () => {
		ensureBuilt();
		server = await startProductionServer({
			url: t.url,
			port: await freePortInRange(4480),
			workers: 1
		});
		const before = Number((await t.client.execute('SELECT count(*) FROM orders')).rows[0]![0]);
		const figures = await measurePlacement({
			client: t.client,
			baseUrl: server.base,
			load: { concurrency: 2, durationMs: 600, maxRequests: 10 }
		});
		for (const path of [figures.http, figures.verb, figures.raw]) {
			expect(path.errors, path.firstErrors.join('\n')).toBe(0);
			expect(path.requests).toBeGreaterThan(0);
		}
		// Auth is one round trip, placing two (products, then the batch); the batch alone one.
		expect(figures.http).toMatchObject({ meanTrips: 3, meanAuthTrips: 1 });
		expect(figures.verb.meanTrips).toBe(2);
		expect(figures.raw.meanTrips).toBe(1);
		const after = Number((await t.client.execute('SELECT count(*) FROM orders')).rows[0]![0]);
		// Every measured request placed an order (the warm-up placed more, uncounted).
		expect(after - before).toBeGreaterThan(
			figures.http.requests + figures.verb.requests + figures.raw.requests
		);
	}, 120_000);
});
