import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocation, createProduct, receiveStock } from '../support/factories';
import type { Session } from '../support/test-api';
import { shopApi, type EdgeApi } from './edge-api';

// A transfer through the built worker in workerd over libSQL HTTP: drafted, sent (stock out
// of the source, in transit), received in two parts (the second replayed once by its
// Idempotency-Key), an over-receipt refused whole. The shop database is shared between edge
// test files: this file's rows carry a suffix.
const suffix = crypto.randomUUID().slice(0, 6).toUpperCase();
let t: EdgeApi;
let warehouse: Session;
let product: Awaited<ReturnType<typeof createProduct>>;
let from: Awaited<ReturnType<typeof createLocation>>;
let to: Awaited<ReturnType<typeof createLocation>>;

beforeAll(async () => {
	t = await shopApi();
	from = await createLocation(t.db, { code: `TRA${suffix}`, name: 'Transfer from' });
	to = await createLocation(t.db, { code: `TRB${suffix}`, name: 'Transfer to' });
	product = await createProduct(t.db, { sku: `TR${suffix}`, name: `Moved mug ${suffix}` });
	await receiveStock(t.db, { productId: product.id, locationId: from.id, onHand: 12 });
	warehouse = await t.signIn('warehouse');
});

afterAll(() => t.client.close());

const post = (path: string, json: unknown, headers: Record<string, string> = {}) =>
	t.request(path, { method: 'POST', session: warehouse, json, headers });

async function levels() {
	const { rows } = await t.client.execute({
		sql: 'SELECT location_id, on_hand FROM stock_levels WHERE product_id = ?',
		args: [product.id]
	});
	return Object.fromEntries(rows.map((r) => [String(r.location_id), Number(r.on_hand)]));
}

describe('a transfer in workerd', () => {
	it('sends, receives in parts once each, and refuses more than was sent', async () => {
		const created = await post('/api/transfers', {
			fromLocationId: from.id,
			toLocationId: to.id,
			lines: [{ productId: product.id, quantity: 5 }]
		});
		expect(created.status).toBe(201);
		const { id } = await created.json();
		expect((await post(`/api/transfers/${id}/send`, {})).status).toBe(200);
		expect(await levels()).toEqual({ [from.id]: 7 });

		const receipt = (quantity: number, key: string) =>
			post(
				`/api/transfers/${id}/receipts`,
				{ lines: [{ productId: product.id, quantity }] },
				{ 'idempotency-key': `${key}-${suffix}`, 'ordo-sent-at': new Date().toISOString() }
			);
		const first = await receipt(2, 'edge-tr-1');
		expect(await first.json()).toMatchObject({
			status: 'partially_received',
			units: { inTransit: 3 }
		});
		const second = await receipt(3, 'edge-tr-2');
		const replay = await receipt(3, 'edge-tr-2');
		expect(replay.status).toBe(200);
		expect(await replay.json()).toEqual(await second.json());
		expect(await levels()).toEqual({ [from.id]: 7, [to.id]: 5 });

		const over = await receipt(1, 'edge-tr-3');
		expect(over.status).toBe(409);
		expect((await over.json()).type).toBe('urn:ordo:problem:transfer-not-in-transit');
		expect(await levels()).toEqual({ [from.id]: 7, [to.id]: 5 });
	});
});
