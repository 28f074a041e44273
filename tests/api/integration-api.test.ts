// The integration API of issue 8, as an external inventory system uses it with a scoped
// API key: read levels with versions, set absolute levels if still at a version (a stale one
// is a 409 carrying the level now), deltas that apply once per Idempotency-Key, products in
// bulk all or none, and an OpenAPI document whose examples match the routes' own schemas.
import * as v from 'valibot';
import { beforeAll, describe, expect, it } from 'vitest';
import { ledgerDifferences } from '../../scripts/cli/inventory';
import { api } from '../../worker/app';
import { routeTable } from '../../worker/core/openapi';
import {
	createLocation,
	createOrders,
	createProduct,
	createUser,
	insertApiKey,
	receiveStock
} from '../support/factories';
import { createTestApi, type TestApi } from '../support/test-api';

let t: TestApi;
let writer: string;
let reader: string;
let products: string;
let manager: string;
let main: { id: string; code: string };
let back: { id: string; code: string };

beforeAll(async () => {
	t = await createTestApi();
	// Keys act within their creator's role: a manager holds the three integration scopes.
	manager = (await createUser(t.db, { role: 'manager' })).id;
	writer = (await insertApiKey(t.db, ['stock.read', 'stock.write'], 'sync', manager)).key;
	reader = (await insertApiKey(t.db, ['stock.read'], 'read only', manager)).key;
	products = (await insertApiKey(t.db, ['products.write'], 'catalogue', manager)).key;
	main = await createLocation(t.db, { code: 'MAIN' });
	back = await createLocation(t.db, { code: 'BACK' });
});

type Init = { method?: string; json?: unknown; headers?: Record<string, string> };
const call = (key: string, path: string, init: Init = {}) =>
	t.request(path, { ...init, headers: { ...init.headers, authorization: `Bearer ${key}` } });

async function stockedProduct(onHand: number, overrides: { sku?: string } = {}) {
	const product = await createProduct(t.db, overrides);
	await receiveStock(t.db, { productId: product.id, locationId: main.id, onHand });
	return product;
}

async function level(sku: string, code = 'MAIN') {
	const res = await call(reader, `/api/inventory/stock?sku=${sku}&location=${code}`);
	expect(res.status).toBe(200);
	return (await res.json()).items[0] as {
		onHand: number;
		reserved: number;
		available: number;
		version: number;
	};
}

describe('scopes (security: deny by default)', () => {
	it('refuses every integration route to a key without its scope', async () => {
		const other = (await insertApiKey(t.db, ['inventory.read'], 'other', manager)).key;
		const product = await stockedProduct(5);
		const attempts = [
			call(other, '/api/inventory/stock'),
			call(reader, `/api/inventory/stock/${product.sku}/MAIN`, {
				method: 'PUT',
				json: { onHand: 1, expectedVersion: 2 }
			}),
			call(reader, '/api/inventory/stock/deltas', {
				method: 'POST',
				headers: { 'idempotency-key': crypto.randomUUID() },
				json: { deltas: [{ sku: product.sku, location: 'MAIN', delta: 1, reason: 'x' }] }
			}),
			call(writer, '/api/inventory/products/bulk', {
				method: 'POST',
				json: { products: [{ sku: 'NOPE', name: 'No', priceMinor: 1 }] }
			}),
			call(products, '/api/inventory/export/stock')
		];
		for (const res of await Promise.all(attempts)) {
			expect(res.status).toBe(403);
			expect((await res.json()).type).toBe('urn:ordo:problem:not-permitted');
		}
		expect((await level(product.sku)).onHand).toBe(5);
	});

	it('shrinks a key to what its creator holds now: a support creator cannot write stock', async () => {
		const rep = (await createUser(t.db, { role: 'support' })).id;
		const key = (await insertApiKey(t.db, ['stock.write'], 'rep', rep)).key;
		const res = await call(key, '/api/inventory/stock/X/MAIN', {
			method: 'PUT',
			json: { onHand: 1, expectedVersion: 0 }
		});
		expect(res.status).toBe(403);
	});
});

describe('reading stock (happy)', () => {
	it('pages every level by SKU and location with its version, keyset cursors', async () => {
		const skus = ['PAGE-A', 'PAGE-B', 'PAGE-C'];
		for (const sku of skus) {
			const p = await stockedProduct(3, { sku });
			await receiveStock(t.db, { productId: p.id, locationId: back.id, onHand: 1 });
		}
		const seen: string[] = [];
		let cursor: string | null = null;
		do {
			const query: string = cursor ? `&cursor=${cursor}` : '';
			const res = await call(reader, `/api/inventory/stock?limit=4${query}`);
			const page = (await res.json()) as {
				items: { sku: string; location: string; version: number; available: number }[];
				nextCursor: string | null;
			};
			expect(page.items.length).toBeLessThanOrEqual(4);
			for (const item of page.items) {
				expect(item.version).toBeGreaterThanOrEqual(1);
				seen.push(`${item.sku}@${item.location}`);
			}
			cursor = page.nextCursor;
		} while (cursor);
		const ours = seen.filter((s) => s.startsWith('PAGE-'));
		expect(ours).toEqual([
			'PAGE-A@BACK',
			'PAGE-A@MAIN',
			'PAGE-B@BACK',
			'PAGE-B@MAIN',
			'PAGE-C@BACK',
			'PAGE-C@MAIN'
		]);
		expect(new Set(seen).size).toBe(seen.length);
	});

	it('filters by SKU (any case) and location, and refuses a cursor it did not give', async () => {
		const p = await stockedProduct(9, { sku: 'FILTER-1' });
		const res = await call(reader, '/api/inventory/stock?sku=filter-1&location=MAIN');
		const { items } = await res.json();
		expect(items).toEqual([
			expect.objectContaining({ sku: 'FILTER-1', productId: p.id, location: 'MAIN', onHand: 9 })
		]);
		const bad = await call(reader, '/api/inventory/stock?cursor=bm90LWpzb24');
		expect(bad.status).toBe(422);
	});
});

describe('setting a level with an expected version', () => {
	it('bumps the version for any writer through the trigger (an order reserving, SQL)', async () => {
		const p = await stockedProduct(10);
		const before = await level(p.sku);
		await createOrders(t.db, { productId: p.id, locationId: main.id, quantity: 2 });
		const after = await level(p.sku);
		expect(after.version).toBe(before.version + 1);
		expect(after.reserved).toBe(2);
		// A write that changes neither number is not a change.
		await t.client.execute({
			sql: 'UPDATE stock_levels SET on_hand = on_hand, bin = ? WHERE product_id = ?',
			args: ['A-1', p.id]
		});
		expect((await level(p.sku)).version).toBe(after.version);
	});

	it('answers a stale version with 409 carrying the current value, then applies the retry', async () => {
		const p = await stockedProduct(20);
		const read = await level(p.sku);
		await createOrders(t.db, { productId: p.id, locationId: main.id, quantity: 3 });

		const stale = await call(writer, `/api/inventory/stock/${p.sku}/MAIN`, {
			method: 'PUT',
			json: { onHand: 15, expectedVersion: read.version }
		});
		expect(stale.status).toBe(409);
		expect(stale.headers.get('content-type')).toMatch(/problem\+json/);
		const problem = await stale.json();
		expect(problem.type).toBe('urn:ordo:problem:stock-level-changed');
		expect(problem.current).toEqual({
			sku: p.sku,
			location: 'MAIN',
			onHand: 20,
			reserved: 3,
			available: 17,
			version: read.version + 1
		});
		expect((await level(p.sku)).onHand).toBe(20);

		const retry = await call(writer, `/api/inventory/stock/${p.sku}/MAIN`, {
			method: 'PUT',
			json: { onHand: 15, expectedVersion: problem.current.version }
		});
		expect(retry.status).toBe(200);
		const set = await retry.json();
		expect(set).toMatchObject({ onHand: 15, reserved: 3, delta: -5, version: read.version + 2 });
		const { rows } = await t.client.execute({
			sql: 'SELECT kind, on_hand_delta FROM stock_movements WHERE id = ?',
			args: [set.movementId]
		});
		expect(rows[0]).toMatchObject({ kind: 'count', on_hand_delta: -5 });
		expect(await ledgerDifferences(t.client)).toEqual([]);
	});

	it('creates a level never stocked (version 0), refuses below reserved and unknown names', async () => {
		const p = await createProduct(t.db);
		const res = await call(writer, `/api/inventory/stock/${p.sku}/BACK`, {
			method: 'PUT',
			json: { onHand: 4, expectedVersion: 0 }
		});
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ onHand: 4, delta: 4 });

		const q = await stockedProduct(5);
		await createOrders(t.db, { productId: q.id, locationId: main.id, quantity: 4 });
		const { version } = await level(q.sku);
		const below = await call(writer, `/api/inventory/stock/${q.sku}/MAIN`, {
			method: 'PUT',
			json: { onHand: 3, expectedVersion: version }
		});
		expect(below.status).toBe(409);
		expect((await below.json()).current).toMatchObject({ reserved: 4, version });

		const unknown = await call(writer, '/api/inventory/stock/NO-SUCH-SKU/MAIN', {
			method: 'PUT',
			json: { onHand: 1, expectedVersion: 0 }
		});
		expect(unknown.status).toBe(404);
		const nowhere = await call(writer, `/api/inventory/stock/${q.sku}/NOWHERE`, {
			method: 'PUT',
			json: { onHand: 1, expectedVersion: 0 }
		});
		expect(nowhere.status).toBe(404);
	});
});

describe('deltas with idempotency keys', () => {
	const send = (key: string | null, json: unknown) =>
		call(writer, '/api/inventory/stock/deltas', {
			method: 'POST',
			json,
			headers: key ? { 'idempotency-key': key } : {}
		});

	it('requires an Idempotency-Key', async () => {
		const p = await stockedProduct(1);
		const res = await send(null, {
			deltas: [{ sku: p.sku, location: 'MAIN', delta: 1, reason: 'x' }]
		});
		expect(res.status).toBe(422);
		expect(Object.keys((await res.json()).errors)).toEqual(['idempotency-key']);
		expect((await level(p.sku)).onHand).toBe(1);
	});

	it('applies once: a retry with the same key replays the first answer', async () => {
		const p = await stockedProduct(10);
		const q = await stockedProduct(10);
		const body = {
			deltas: [
				{ sku: p.sku, location: 'MAIN', delta: 5, reason: 'Delivery' },
				{ sku: q.sku, location: 'MAIN', delta: -2, reason: 'Damaged' },
				{ sku: p.sku, location: 'MAIN', delta: -1, reason: 'Sample' }
			]
		};
		const key = crypto.randomUUID();
		const first = await send(key, body);
		expect(first.status).toBe(201);
		const applied = await first.json();
		expect(applied.applied).toBe(3);
		const retry = await send(key, body);
		expect(retry.status).toBe(201);
		expect(retry.headers.get('idempotent-replayed')).toBe('true');
		expect(await retry.json()).toEqual(applied);
		expect((await level(p.sku)).onHand).toBe(14);
		expect((await level(q.sku)).onHand).toBe(8);
		const { rows } = await t.client.execute({
			sql: "SELECT count(*) AS n FROM stock_movements WHERE kind = 'adjustment' AND product_id IN (?, ?)",
			args: [p.id, q.id]
		});
		expect(Number(rows[0]!.n)).toBe(3);

		const reused = await send(key, { deltas: [body.deltas[0]] });
		expect(reused.status).toBe(422);
		expect((await reused.json()).type).toBe('urn:ordo:problem:idempotency-key-reused');
	});

	it('applies none when a row names an unknown SKU or would go below reserved, naming it', async () => {
		const p = await stockedProduct(3);
		await createOrders(t.db, { productId: p.id, locationId: main.id, quantity: 2 });
		const unknown = await send(crypto.randomUUID(), {
			deltas: [
				{ sku: p.sku, location: 'MAIN', delta: 1, reason: 'ok' },
				{ sku: 'NOT-A-SKU', location: 'MAIN', delta: 1, reason: 'bad' }
			]
		});
		expect(unknown.status).toBe(422);
		expect((await unknown.json()).errors).toHaveProperty(['deltas.1.sku']);
		const short = await send(crypto.randomUUID(), {
			deltas: [
				{ sku: p.sku, location: 'MAIN', delta: 1, reason: 'ok' },
				{ sku: p.sku, location: 'MAIN', delta: -3, reason: 'too many' }
			]
		});
		expect(short.status).toBe(409);
		const problem = await short.json();
		expect(problem.errors).toHaveProperty(['deltas.1.delta']);
		expect(problem.current[0]).toMatchObject({ sku: p.sku, reserved: 2 });
		expect((await level(p.sku)).onHand).toBe(3);
	});
});

describe('bulk upsert of products (whole or nothing)', () => {
	const upsert = (json: unknown) =>
		call(products, '/api/inventory/products/bulk', { method: 'POST', json });
	const product = async (sku: string) =>
		(
			await t.client.execute({
				sql: 'SELECT name, barcode, price_minor, reorder_point, active FROM products WHERE sku = ?',
				args: [sku]
			})
		).rows[0];

	it('creates new SKUs and updates existing ones, keeping the fields a row leaves out', async () => {
		const old = await createProduct(t.db, { sku: 'BULK-OLD', barcode: '5000000000011' });
		await t.client.execute("UPDATE products SET reorder_point = 7 WHERE sku = 'BULK-OLD'");
		const res = await upsert({
			products: [
				{ sku: 'bulk-old', name: 'Renamed lantern', priceMinor: 999 },
				{ sku: 'BULK-NEW', name: 'New lantern', priceMinor: 450, barcode: '5000000000028' }
			]
		});
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body).toMatchObject({ created: 1, updated: 1 });
		expect(body.items).toEqual([
			{ sku: 'BULK-OLD', id: old.id, created: false },
			{ sku: 'BULK-NEW', id: expect.any(String), created: true }
		]);
		expect(await product('BULK-OLD')).toMatchObject({
			name: 'Renamed lantern',
			price_minor: 999,
			barcode: '5000000000011',
			reorder_point: 7
		});
		expect(await product('BULK-NEW')).toMatchObject({ barcode: '5000000000028', active: 1 });
	});

	it('writes nothing when any row is bad, and names every bad row', async () => {
		const res = await upsert({
			products: [
				{ sku: 'BULK-GOOD', name: 'Good', priceMinor: 100 },
				{ sku: 'BULK-BAD', name: 'Bad', priceMinor: -1 },
				{ sku: 'BULK-WORSE', name: '', priceMinor: 1.5 }
			]
		});
		expect(res.status).toBe(422);
		const { errors } = await res.json();
		expect(Object.keys(errors).sort()).toEqual([
			'products.1.priceMinor',
			'products.2.name',
			'products.2.priceMinor'
		]);
		expect(await product('BULK-GOOD')).toBeUndefined();

		const repeated = await upsert({
			products: [
				{ sku: 'BULK-TWICE', name: 'One', priceMinor: 1 },
				{ sku: 'bulk-twice', name: 'Two', priceMinor: 2 }
			]
		});
		expect(repeated.status).toBe(422);
		expect((await repeated.json()).errors).toHaveProperty(['products.1.sku']);

		await createProduct(t.db, { sku: 'BULK-HOLDER', barcode: '5000000000035' });
		const taken = await upsert({
			products: [
				{ sku: 'BULK-FINE', name: 'Fine', priceMinor: 1 },
				{ sku: 'BULK-THIEF', name: 'Thief', priceMinor: 1, barcode: '5000000000035' }
			]
		});
		expect(taken.status).toBe(409);
		const conflict = await taken.json();
		expect(conflict.errors['products.1.barcode'][0]).toContain('BULK-HOLDER');
		expect(await product('BULK-FINE')).toBeUndefined();

		const tooMany = await upsert({
			products: Array.from({ length: 1001 }, (_, i) => ({ sku: `M${i}`, name: 'x', priceMinor: 1 }))
		});
		expect(tooMany.status).toBe(422);
	});
});

describe('OpenAPI document (the integration routes, with examples)', () => {
	const INTEGRATION = [
		['get', '/api/inventory/stock'],
		['put', '/api/inventory/stock/{sku}/{location}'],
		['post', '/api/inventory/stock/deltas'],
		['post', '/api/inventory/products/bulk'],
		['post', '/api/inventory/import/products'],
		['post', '/api/inventory/import/stock']
	] as const;

	it('has request and response examples that the routes’ own schemas accept', async () => {
		const doc = await (await t.request('/api/openapi.json')).json();
		const routes = routeTable(api);
		for (const [method, path] of INTEGRATION) {
			const op = doc.paths[path][method];
			const route = routes.find(
				(r) => r.method.toLowerCase() === method && r.path.replace(/:(\w+)/g, '{$1}') === path
			)!;
			const ok = Object.keys(op.responses).find((s) => s.startsWith('2'))!;
			const example = op.responses[ok].content['application/json'].example;
			expect(example, `${method} ${path} response example`).toBeDefined();
			expect(v.safeParse(route.doc!.response!, example).success, `${path} response`).toBe(true);
			const body = route.inputs.find((i) => i.target === 'json');
			if (body) {
				const request = op.requestBody.content['application/json'].example;
				expect(v.safeParse(body.schema, request).success, `${path} request`).toBe(true);
			}
		}
		const stale = doc.paths['/api/inventory/stock/{sku}/{location}'].put.responses['409'];
		expect(stale.content['application/problem+json'].example.current).toMatchObject({
			version: expect.any(Number),
			onHand: expect.any(Number)
		});
		const deltas = doc.paths['/api/inventory/stock/deltas'].post;
		expect(deltas.parameters).toContainEqual(
			expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true })
		);
		expect(doc.paths['/api/inventory/export/stock'].get.responses['200'].content).toHaveProperty([
			'text/csv'
		]);
	});
});
