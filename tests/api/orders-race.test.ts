import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/deploy-proxy';
import {
	createLocation,
	createProduct,
	insertApiKey,
	receiveStock,
	TEST_DATA_KEY
} from '../support/factories';
import { createTestDb, type TestDb } from '../support/test-db';

// The no-overselling proof (issue 7): two server processes over ONE database file take
// many concurrent orders for the last units. Exactly the available units are sold, every
// other attempt is a clear 409, no order exists without its reservation, and the ledger
// sums equal the levels. (npm run stress runs 1,000 attempts on 10 units.)
const UNITS = 10;
const ATTEMPTS = 60;

let t: TestDb;
const servers: { child: ChildProcess; base: string; output: () => string }[] = [];

async function startApiProcess(url: string) {
	const port = await freePort();
	const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/api-process.ts'], {
		env: { ...process.env, LIBSQL_URL: url, ORDO_DATA_KEY: TEST_DATA_KEY, PORT: String(port) },
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-10_000));
	child.stdout!.on('data', keep);
	child.stderr!.on('data', keep);
	const base = `http://127.0.0.1:${port}`;
	servers.push({ child, base, output: () => output });
	for (let tries = 0; tries < 240; tries++) {
		if (child.exitCode !== null) throw new Error(`the API process exited early:\n${output}`);
		const up = await fetch(`${base}/api/health`).then(
			async (res) => (await res.arrayBuffer(), res.ok),
			() => false
		);
		if (up) return base;
		await sleep(250);
	}
	throw new Error(`the API process did not answer /api/health:\n${output}`);
}

function stop(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	try {
		process.kill(-child.pid, 'SIGTERM');
	} catch {
		// Already gone.
	}
	return Promise.race([
		exited,
		sleep(5_000).then(() => {
			try {
				process.kill(-child.pid!, 'SIGKILL');
			} catch {
				// Already gone.
			}
		})
	]);
}

beforeAll(async () => {
	t = await createTestDb();
	// WAL, as the embedded server runs it, so readers never wait for the writer.
	await t.client.execute('PRAGMA journal_mode = WAL');
}, 60_000);

afterAll(async () => {
	await Promise.all(servers.map((s) => stop(s.child)));
});

describe('many concurrent orders for the last units from two processes', () => {
	it('sell exactly the units there are; every other attempt is a 409, none a 5xx', async () => {
		const product = await createProduct(t.db, { sku: 'LAST-ONES' });
		const location = await createLocation(t.db, { name: 'Main warehouse' });
		await receiveStock(t.db, { productId: product.id, locationId: location.id, onHand: UNITS });
		const { key } = await insertApiKey(t.db, ['orders.write']);
		const bases = await Promise.all([startApiProcess(t.url), startApiProcess(t.url)]);

		const attempt = (i: number) =>
			fetch(`${bases[i % 2]}/api/orders`, {
				method: 'POST',
				headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
				body: JSON.stringify({
					lines: [{ productId: product.id, locationId: location.id, quantity: 1 }]
				})
			}).then(async (res) => ({ status: res.status, body: await res.json() }));
		const results = await Promise.all(Array.from({ length: ATTEMPTS }, (_, i) => attempt(i)));

		const statuses = results.map((r) => r.status);
		expect(statuses.filter((s) => s === 201)).toHaveLength(UNITS);
		expect(statuses.filter((s) => s === 409)).toHaveLength(ATTEMPTS - UNITS);
		for (const r of results.filter((r) => r.status === 409)) {
			expect(r.body.type).toBe('urn:ordo:problem:insufficient-stock');
			expect(r.body.title).toBe('Only 0 left of LAST-ONES at Main warehouse');
		}

		const one = async (q: string) => (await t.client.execute(q)).rows[0]!;
		expect(Number((await one('SELECT count(*) AS n FROM orders')).n)).toBe(UNITS);
		expect(await one('SELECT on_hand, reserved FROM stock_levels')).toMatchObject({
			on_hand: UNITS,
			reserved: UNITS
		});
		// Every order has exactly its reservation, and nothing is reserved for no order.
		const orphans = await one(`SELECT
				(SELECT count(*) FROM orders o WHERE (SELECT count(*) FROM stock_movements m
					WHERE m.kind = 'reservation' AND m.reference = o.number) <> 1) AS ordersWithout,
				(SELECT count(*) FROM stock_movements m WHERE m.kind = 'reservation'
					AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.number = m.reference)) AS reservationsWithout`);
		expect(orphans).toMatchObject({ ordersWithout: 0, reservationsWithout: 0 });
		const ledger = await one(`SELECT SUM(on_hand_delta) AS onHand, SUM(reserved_delta) AS reserved
				FROM stock_movements`);
		expect(ledger).toMatchObject({ onHand: UNITS, reserved: UNITS });
		// Numbers are unique and without gaps: the counter moved only with a placed order.
		const numbers = (await t.client.execute('SELECT number FROM orders ORDER BY number')).rows.map(
			(r) => Number(String(r.number).slice(4))
		);
		expect(new Set(numbers).size).toBe(UNITS);
		expect(Math.max(...numbers) - Math.min(...numbers)).toBe(UNITS - 1);
	}, 120_000);
});
