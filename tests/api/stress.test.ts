// `npm run stress` at a size npm test can afford, so it cannot rot: the same race and
// kill -9 code over the production server (scripts/serve), and proof that its checks
// fail on a database that breaks each rule they state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCrash } from '../../bench/stress/crash';
import { issueApiKey, stockProducts } from '../../bench/stress/fixture';
import { checkAcknowledged, checkInvariants } from '../../bench/stress/invariants';
import { runRace } from '../../bench/stress/race';
import {
	freePortInRange,
	startProductionServer,
	type ProductionServer
} from '../../bench/stress/servers';
import { ensureBuilt } from '../support/embedded-server';
import { createTestDb, type TestDb } from '../support/test-db';

const servers: ProductionServer[] = [];

async function walDb(): Promise<TestDb> {
	const t = await createTestDb();
	await t.client.execute('PRAGMA journal_mode = WAL');
	return t;
}

beforeAll(() => ensureBuilt(), 300_000);
afterAll(async () => {
	await Promise.all(servers.map((s) => s.stop()));
});

describe('npm run stress, small', () => {
	it('race: two production server processes sell exactly the units there are', async () => {
		const t = await walDb();
		const stock = await stockProducts(t.client, { count: 1, units: 5, prefix: 'RACE' });
		const { key } = await issueApiKey(t.client, ['orders.write']);
		for (const from of [4400, 4450]) {
			const port = await freePortInRange(from);
			servers.push(await startProductionServer({ url: t.url, port, workers: 1 }));
		}
		const figures = await runRace({
			client: t.client,
			bases: servers.slice(-2).map((s) => s.base),
			key,
			stock,
			attempts: 40,
			units: 5,
			concurrency: 20
		});
		expect(figures.violations).toEqual([]);
		expect(figures).toMatchObject({ sold: 5, conflicts: 35, others: {} });
		expect(figures.checked).toMatchObject({ integrity: 'ok', orders: 5 });
	}, 180_000);

	it('crash: after kill -9 and a restart every acknowledged order is there, whole', async () => {
		const t = await walDb();
		const stock = await stockProducts(t.client, { count: 5, units: 100_000, prefix: 'CRASH' });
		const { key } = await issueApiKey(t.client, ['orders.write']);
		const port = await freePortInRange(4420);
		const result = await runCrash({
			client: t.client,
			key,
			stock,
			rounds: 1,
			clients: 4,
			minAcked: 10,
			start: async () => {
				const server = await startProductionServer({ url: t.url, port, workers: 2 });
				servers.push(server);
				return server;
			}
		});
		expect(result.violations).toEqual([]);
		expect(result.acknowledged).toBeGreaterThanOrEqual(10);
		expect(result.rounds[0]!.integrity).toBe('ok');
		expect(result.rounds[0]!.ordersAfterRestart).toBeGreaterThanOrEqual(result.acknowledged);
	}, 180_000);
});

describe('the checks the stress makes', () => {
	let t: TestDb;
	let productId: string;
	let locationId: string;
	beforeAll(async () => {
		t = await walDb();
		const stock = await stockProducts(t.client, { count: 1, units: 10, prefix: 'CHECK' });
		productId = stock.productIds[0]!;
		locationId = stock.locationId;
	});

	it('pass on a database that keeps every rule', async () => {
		expect((await checkInvariants(t.client)).violations).toEqual([]);
	});

	it('find an order without its reservation, a partial order and a ledger that drifted', async () => {
		const now = Date.now();
		await t.client.batch([
			`UPDATE counters SET value = value + 1 WHERE name = 'order_number'`,
			{
				sql: `INSERT INTO orders (id, number, status, channel, currency, subtotal_minor, total_minor,
					placed_at, created_at, updated_at)
					VALUES ('o1', (SELECT 'ORD-' || value FROM counters WHERE name = 'order_number'),
						'pending_payment', 'web', 'GBP', 500, 500, ?, ?, ?)`,
				args: [now, now, now]
			},
			{
				sql: `INSERT INTO order_lines (order_id, line, kind, product_id, location_id, sku, name,
					quantity, unit_price_minor, net_minor) VALUES ('o1', 1, 'product', ?, ?, 'CHECK-001', 'x', 2, 250, 500)`,
				args: [productId, locationId]
			},
			`UPDATE stock_levels SET reserved = reserved + 1`
		]);
		const { violations } = await checkInvariants(t.client);
		expect(violations).toEqual(
			expect.arrayContaining([
				'a stock level differs from the sum of its ledger movements: 1',
				'an order whose reservations differ from its lines (or an order without its reservation): 1',
				"an order without exactly one 'order.placed' timeline event: 1",
				"an order without exactly one 'order.place' audit entry: 1"
			])
		);
	});

	it('find an acknowledged order that is missing or not as acknowledged', async () => {
		const problems = await checkAcknowledged(t.client, [
			{ id: 'gone', number: 'ORD-1', totalMinor: 1, lines: [], shipping: false },
			{
				id: 'o1',
				number: 'ORD-10001',
				totalMinor: 500,
				lines: [{ productId, quantity: 3 }],
				shipping: false
			}
		]);
		expect(problems).toHaveLength(2);
		expect(problems[0]).toBe('acknowledged order ORD-1 (gone) is missing');
		expect(problems[1]).toMatch(/^acknowledged order ORD-10001 is not whole/);
	});
});
