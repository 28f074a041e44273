import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockLevels, stockMovements } from '../../db/schema/inventory';
import { createLocation, createProduct, receiveStock } from '../support/factories';
import { roundTrips, type Session } from '../support/test-api';
import { shopApi, type EdgeApi } from './edge-api';

// The API tests' inventory journey (tests/api/inventory.test.ts), in workerd over
// HTTP. The shop database is shared between edge test files, so every row here
// carries a SKU suffix of its own and assertions look at this file's rows only.
const suffix = crypto.randomUUID().slice(0, 6).toUpperCase();
let t: EdgeApi;
let warehouse: Session;
let heart: Awaited<ReturnType<typeof createProduct>>;
let main: Awaited<ReturnType<typeof createLocation>>;

beforeAll(async () => {
	t = await shopApi();
	main = await createLocation(t.db, { code: `MAIN${suffix}`, name: 'Main warehouse' });
	heart = await createProduct(t.db, {
		sku: `HEART${suffix}`,
		name: `WHITE HANGING HEART T-LIGHT HOLDER ${suffix}`
	});
	await receiveStock(t.db, { productId: heart.id, locationId: main.id, onHand: 40, reserved: 6 });
	warehouse = await t.signIn('warehouse');
});

afterAll(() => t.client.close());

const adjust = (body: object, headers: HeadersInit = {}) =>
	t.request('/api/inventory/adjustments', {
		method: 'POST',
		session: warehouse,
		headers,
		json: { productId: heart.id, locationId: main.id, ...body }
	});

const ledger = async () =>
	t.db.select().from(stockMovements).where(eq(stockMovements.productId, heart.id));

const level = async () =>
	(await t.db.select().from(stockLevels).where(eq(stockLevels.productId, heart.id)))[0]!;

describe('search and detail (happy)', () => {
	it('finds the product by words in its name, in one round trip after the session check', async () => {
		const res = await t.request(
			`/api/inventory/products?q=${encodeURIComponent(`heart ${suffix}`)}`,
			{
				session: warehouse
			}
		);
		expect(res.status).toBe(200);
		const { items } = await res.json();
		expect(items).toEqual([expect.objectContaining({ sku: heart.sku, onHand: 40, available: 34 })]);
		expect(roundTrips(res).domain).toBe(1);
	});

	it('opens the product with its stock per location and its ledger', async () => {
		const res = await t.request(`/api/inventory/products/${heart.id}`, { session: warehouse });
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body.stock).toContainEqual(
			expect.objectContaining({ code: main.code, onHand: 40, reserved: 6, available: 34 })
		);
		// The receipt and the reservation (the factory writes both through the ledger builders).
		expect(body.movements).toHaveLength(2);
		expect(roundTrips(res).domain).toBe(1);
	});
});

describe('stock adjustment', () => {
	it('moves the level and appends to the ledger in one batch', async () => {
		const before = (await ledger()).length;
		const res = await adjust({ delta: 5, reason: 'found in back room' });
		expect(res.status).toBe(201);
		expect(await res.json()).toMatchObject({ onHand: 45, reserved: 6, available: 39 });
		expect(roundTrips(res).domain).toBe(1);
		expect((await ledger()).length).toBe(before + 1);
		expect((await level()).onHand).toBe(45);
	});

	it('answers a CHECK violation with 409 problem+json and changes nothing (error)', async () => {
		const [movementsBefore, levelBefore] = [(await ledger()).length, await level()];
		const res = await adjust({ delta: -(levelBefore.onHand - 1), reason: 'damaged' });
		expect(res.status).toBe(409);
		expect(res.headers.get('content-type')).toBe('application/problem+json');
		expect(await res.json()).toMatchObject({ type: 'urn:ordo:problem:insufficient-stock' });
		expect(await level()).toEqual(levelBefore);
		expect((await ledger()).length).toBe(movementsBefore);
	});

	it('replays a retried Idempotency-Key and applies the change once', async () => {
		const before = (await ledger()).length;
		const key = `edge-${suffix}`;
		const first = await adjust({ delta: 2, reason: 'cycle count' }, { 'idempotency-key': key });
		const again = await adjust({ delta: 2, reason: 'cycle count' }, { 'idempotency-key': key });
		expect(first.status).toBe(201);
		expect(again.status).toBe(201);
		expect(again.headers.get('idempotent-replayed')).toBe('true');
		expect(await again.json()).toEqual(await first.json());
		expect((await ledger()).length).toBe(before + 1);
	});

	it('refuses the same key with a different body (422) and changes nothing', async () => {
		const key = `edge-reuse-${suffix}`;
		await adjust({ delta: 1, reason: 'cycle count' }, { 'idempotency-key': key });
		const before = (await ledger()).length;
		const res = await adjust({ delta: 3, reason: 'cycle count' }, { 'idempotency-key': key });
		expect(res.status).toBe(422);
		expect((await res.json()).type).toBe('urn:ordo:problem:idempotency-key-reused');
		expect((await ledger()).length).toBe(before);
	});
});
