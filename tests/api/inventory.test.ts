import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { stockLevels, stockMovements } from '../../db/schema/inventory';
import { createLocation, createProduct, receiveStock } from '../support/factories';
import { createTestApi, roundTrips, type Session, type TestApi } from '../support/test-api';

let t: TestApi;
let warehouse: Session;
let support: Session;
let heart: Awaited<ReturnType<typeof createProduct>>;
let main: Awaited<ReturnType<typeof createLocation>>;
let shop: Awaited<ReturnType<typeof createLocation>>;

beforeAll(async () => {
	t = await createTestApi();
	main = await createLocation(t.db, { code: 'MAIN', name: 'Main warehouse' });
	shop = await createLocation(t.db, { code: 'SHOP', name: 'High Street shop' });
	heart = await createProduct(t.db, {
		sku: '85123A',
		barcode: '5012345678900',
		name: 'WHITE HANGING HEART T-LIGHT HOLDER'
	});
	await createProduct(t.db, { sku: '85123B', name: 'RED HANGING HEART T-LIGHT HOLDER' });
	await createProduct(t.db, { sku: '71053', name: 'WHITE METAL LANTERN' });
	await receiveStock(t.db, { productId: heart.id, locationId: main.id, onHand: 40, reserved: 6 });
	await receiveStock(t.db, { productId: heart.id, locationId: shop.id, onHand: 3 });
	warehouse = await t.signIn('warehouse');
	support = await t.signIn('support');
});

const search = (q: string, session = warehouse) =>
	t.request(`/api/inventory/products?q=${encodeURIComponent(q)}`, { session });

describe('product search (happy)', () => {
	it('finds by exact SKU first, case-insensitively', async () => {
		const res = await search('85123a');
		expect(res.status).toBe(200);
		const { items } = await res.json();
		expect(items[0]).toMatchObject({ sku: '85123A', onHand: 43, available: 37 });
	});

	it('finds every SKU that starts with what was typed', async () => {
		const { items } = await (await search('8512')).json();
		// Equal sales, so by name: RED … before WHITE …
		expect(items.map((i: { sku: string }) => i.sku)).toEqual(['85123B', '85123A']);
	});

	it('finds by barcode', async () => {
		const { items } = await (await search('5012345678900')).json();
		expect(items).toHaveLength(1);
		expect(items[0].name).toBe('WHITE HANGING HEART T-LIGHT HOLDER');
	});

	it('finds by words anywhere in the name', async () => {
		const { items } = await (await search('hanging heart')).json();
		expect(items.map((i: { sku: string }) => i.sku).sort()).toEqual(['85123A', '85123B']);
	});

	it('puts the best seller first among name matches', async () => {
		await createProduct(t.db, { sku: 'ZZ1', name: 'AAA HEART BUNTING', unitsSold: 2 });
		await createProduct(t.db, { sku: 'ZZ2', name: 'ZEBRA HEART MUG', unitsSold: 900 });
		const { items } = await (await search('heart')).json();
		const skus = items.map((i: { sku: string }) => i.sku);
		expect(skus[0]).toBe('ZZ2');
		expect(skus.indexOf('ZZ1')).toBeGreaterThan(0);
	});

	it('finds by a short SKU prefix', async () => {
		const { items } = await (await search('71')).json();
		expect(items.map((i: { sku: string }) => i.sku)).toEqual(['71053']);
	});

	it('treats search syntax as plain text', async () => {
		const res = await search('"heart" OR *');
		expect(res.status).toBe(200);
	});

	it('answers in one database round trip after the session check', async () => {
		expect(roundTrips(await search('heart')).domain).toBe(1);
	});
});

describe('product detail', () => {
	it('shows stock per location including locations with none', async () => {
		const res = await t.request(`/api/inventory/products/${heart.id}`, { session: support });
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body.stock).toEqual([
			expect.objectContaining({ code: 'MAIN', onHand: 40, reserved: 6, available: 34 }),
			expect.objectContaining({ code: 'SHOP', onHand: 3, reserved: 0, available: 3 })
		]);
		// MAIN's receipt and reservation (the ledger's own builders), SHOP's receipt.
		expect(body.movements).toHaveLength(3);
		expect(roundTrips(res).domain).toBe(1);
	});

	it('answers 404 problem for an unknown product', async () => {
		const res = await t.request('/api/inventory/products/nope', { session: support });
		expect(res.status).toBe(404);
		expect(res.headers.get('content-type')).toBe('application/problem+json');
		expect(await res.json()).toMatchObject({
			type: 'urn:ordo:problem:product-not-found',
			status: 404
		});
	});
});

describe('stock adjustment', () => {
	const adjust = (body: unknown, session = warehouse, headers: HeadersInit = {}) =>
		t.request('/api/inventory/adjustments', { method: 'POST', json: body, session, headers });

	it('moves the level and appends to the ledger in one round trip', async () => {
		const res = await adjust({
			productId: heart.id,
			locationId: shop.id,
			delta: 5,
			reason: 'found in back room'
		});
		expect(res.status).toBe(201);
		expect(await res.json()).toMatchObject({ onHand: 8, reserved: 0, available: 8 });
		expect(roundTrips(res).domain).toBe(1);
		const ledger = await t.db
			.select()
			.from(stockMovements)
			.where(eq(stockMovements.productId, heart.id));
		expect(ledger.filter((m) => m.kind === 'adjustment')).toHaveLength(1);
	});

	it('takes stock away down to what is reserved', async () => {
		const res = await adjust({
			productId: heart.id,
			locationId: main.id,
			delta: -4,
			reason: 'damaged'
		});
		expect(res.status).toBe(201);
		expect(await res.json()).toMatchObject({ onHand: 36, reserved: 6, available: 30 });
		const undo = await adjust({
			productId: heart.id,
			locationId: main.id,
			delta: 4,
			reason: 'found'
		});
		expect(undo.status).toBe(201);
	});

	it('refuses to take away reserved stock and changes nothing', async () => {
		const before = await t.db.select().from(stockMovements);
		const res = await adjust({
			productId: heart.id,
			locationId: main.id,
			delta: -35,
			reason: 'damaged'
		});
		expect(res.status).toBe(409);
		expect(await res.json()).toMatchObject({ type: 'urn:ordo:problem:insufficient-stock' });
		const [level] = await t.db
			.select()
			.from(stockLevels)
			.where(eq(stockLevels.locationId, main.id));
		expect(level!.onHand).toBe(40);
		expect(await t.db.select().from(stockMovements)).toHaveLength(before.length);
	});

	it('names each invalid field', async () => {
		const res = await adjust({ productId: heart.id, locationId: '', delta: 1.5, reason: '' });
		expect(res.status).toBe(422);
		const body = await res.json();
		expect(Object.keys(body.errors).sort()).toEqual(['delta', 'locationId', 'reason']);
	});

	it('refuses a card number in the reason', async () => {
		const res = await adjust({
			productId: heart.id,
			locationId: shop.id,
			delta: 1,
			reason: 'paid with 4111 1111 1111 1111'
		});
		expect(res.status).toBe(422);
		expect((await res.json()).errors.reason[0]).toMatch(/card numbers/i);
	});

	it('refuses an unknown product without writing', async () => {
		const before = (await t.db.select().from(stockMovements)).length;
		const res = await adjust({ productId: 'missing', locationId: shop.id, delta: 1, reason: 'x' });
		expect(res.status).toBe(422);
		expect((await t.db.select().from(stockMovements)).length).toBe(before);
	});

	it('is refused to a role without inventory.adjust', async () => {
		const res = await adjust(
			{ productId: heart.id, locationId: shop.id, delta: 1, reason: 'x' },
			support
		);
		expect(res.status).toBe(403);
	});
});
