import { beforeAll, describe, expect, it } from 'vitest';
import { createLocation, createProduct, receiveStock } from '../support/factories';
import { createTestApi, roundTrips, type Session, type TestApi } from '../support/test-api';

// The offline catalogue a warehouse phone keeps (issue 10): product facts with barcodes
// and one location's stock, in id pages.
let t: TestApi;
let warehouse: Session;
let main: Awaited<ReturnType<typeof createLocation>>;
let shop: Awaited<ReturnType<typeof createLocation>>;
let heart: Awaited<ReturnType<typeof createProduct>>;

beforeAll(async () => {
	t = await createTestApi();
	main = await createLocation(t.db, { code: 'MAIN', name: 'Main warehouse' });
	shop = await createLocation(t.db, { code: 'SHOP', name: 'High Street shop' });
	heart = await createProduct(t.db, { id: 'p-1', sku: 'HEART', barcode: '5012345678900' });
	await createProduct(t.db, { id: 'p-2', sku: 'LANTERN', reorderPoint: 5 });
	await createProduct(t.db, { id: 'p-3', sku: 'GONE', active: false });
	await createProduct(t.db, { id: 'p-4', sku: 'CANDLE' });
	await receiveStock(t.db, { productId: heart.id, locationId: main.id, onHand: 40, reserved: 6 });
	await receiveStock(t.db, { productId: heart.id, locationId: shop.id, onHand: 3 });
	await receiveStock(t.db, { productId: 'p-2', locationId: main.id, onHand: 4 });
	warehouse = await t.signIn('warehouse');
});

const catalogue = (query: string, session: Session | null = warehouse) =>
	t.request(`/api/inventory/catalogue?${query}`, session ? { session } : {});

describe('offline catalogue (happy)', () => {
	it("gives every active product with its barcode and the location's stock, in one round trip", async () => {
		const res = await catalogue(`locationId=${main.id}`);
		expect(res.status).toBe(200);
		expect(roundTrips(res).domain).toBe(1);
		const page = await res.json();
		expect(page.items.map((i: { sku: string }) => i.sku)).toEqual(['HEART', 'LANTERN', 'CANDLE']);
		expect(page.items[0]).toMatchObject({
			barcode: '5012345678900',
			onHand: 40,
			reserved: 6,
			available: 34,
			status: 'ok'
		});
		expect(page.items[1]).toMatchObject({ onHand: 4, available: 4, status: 'low' });
		expect(page.items[2]).toMatchObject({ onHand: 0, available: 0, status: 'out' });
		expect(page.nextCursor).toBeNull();
		expect(Date.parse(page.asOf)).not.toBeNaN();
	});

	it('pages by id with the cursor given', async () => {
		const first = await (await catalogue(`locationId=${shop.id}&limit=2`)).json();
		expect(first.items.map((i: { id: string }) => i.id)).toEqual(['p-1', 'p-2']);
		expect(first.items[0]).toMatchObject({ onHand: 3 });
		const next = await (
			await catalogue(`locationId=${shop.id}&limit=2&after=${first.nextCursor}`)
		).json();
		expect(next.items.map((i: { id: string }) => i.id)).toEqual(['p-4']);
		expect(next.nextCursor).toBeNull();
	});
});

describe('offline catalogue (error)', () => {
	it('needs a location, and says so', async () => {
		const res = await catalogue('');
		expect(res.status).toBe(422);
		expect((await res.json()).errors).toHaveProperty('locationId');
	});

	it('refuses a cursor it did not give', async () => {
		const res = await catalogue(`locationId=${main.id}&after=${encodeURIComponent('a b')}`);
		expect(res.status).toBe(422);
	});
});

describe('offline catalogue (security)', () => {
	it('is closed to anyone signed out', async () => {
		const res = await catalogue(`locationId=${main.id}`, null);
		expect(res.status).toBe(401);
	});
});
