import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createLocation,
	createOrders,
	createProduct,
	createUser,
	insertApiKey,
	receiveStock
} from '../support/factories';
import { shopApi, type EdgeApi } from './edge-api';

// The integration API's set-if-version in workerd over libSQL HTTP (issue 8): the version the
// stock_levels trigger keeps, a stale one answered 409 with the level now, the retry applied
// as one count movement, and deltas that apply once per Idempotency-Key.
const suffix = crypto.randomUUID().slice(0, 6).toUpperCase();
let t: EdgeApi;
let key: string;
let sku: string;
let code: string;
let productId: string;
let locationId: string;

beforeAll(async () => {
	t = await shopApi();
	const manager = await createUser(t.db, { role: 'manager' });
	key = (await insertApiKey(t.db, ['stock.read', 'stock.write'], 'edge sync', manager.id)).key;
	const location = await createLocation(t.db, { code: `EDGE${suffix}` });
	const product = await createProduct(t.db, { sku: `SYNC${suffix}` });
	await receiveStock(t.db, { productId: product.id, locationId: location.id, onHand: 50 });
	({ sku, code } = { sku: product.sku, code: location.code });
	({ productId, locationId } = { productId: product.id, locationId: location.id });
});

afterAll(() => t.client.close());

const call = (path: string, init: RequestInit & { json?: unknown } = {}) =>
	t.request(path, {
		...init,
		headers: { ...Object.fromEntries(new Headers(init.headers)), authorization: `Bearer ${key}` }
	});

describe('integration API in workerd', () => {
	it('answers a stale version with 409 and the current level, then applies the retry', async () => {
		const read = await call(`/api/inventory/stock?sku=${sku}&location=${code}`);
		expect(read.status).toBe(200);
		const [level] = (await read.json()).items;
		await createOrders(t.db, { productId, locationId, quantity: 5 });

		const stale = await call(`/api/inventory/stock/${sku}/${code}`, {
			method: 'PUT',
			json: { onHand: 45, expectedVersion: level.version }
		});
		expect(stale.status).toBe(409);
		const problem = await stale.json();
		expect(problem.type).toBe('urn:ordo:problem:stock-level-changed');
		expect(problem.current).toMatchObject({ onHand: 50, reserved: 5, version: level.version + 1 });

		const retry = await call(`/api/inventory/stock/${sku}/${code}`, {
			method: 'PUT',
			json: { onHand: 45, expectedVersion: problem.current.version }
		});
		expect(retry.status).toBe(200);
		expect(await retry.json()).toMatchObject({ onHand: 45, reserved: 5, delta: -5 });
	});

	it('applies deltas once per Idempotency-Key', async () => {
		const body = { deltas: [{ sku, location: code, delta: 3, reason: 'edge delivery' }] };
		const idempotencyKey = crypto.randomUUID();
		const send = () =>
			call('/api/inventory/stock/deltas', {
				method: 'POST',
				headers: { 'idempotency-key': idempotencyKey },
				json: body
			});
		const first = await send();
		expect(first.status).toBe(201);
		const again = await send();
		expect(again.headers.get('idempotent-replayed')).toBe('true');
		const { items } = await (await call(`/api/inventory/stock?sku=${sku}&location=${code}`)).json();
		expect(items[0].onHand).toBe(48);
	});
});
