import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { stockLevels } from '../../db/schema/inventory';
import { orders } from '../../db/schema/orders';
import { returns } from '../../db/schema/returns';
import {
	createCustomer,
	createLocation,
	createProduct,
	insertApiKey,
	receiveStock
} from '../support/factories';
import { createPendingOrder, type TestOrder } from '../support/orders-factory';
import { createTestApi, roundTrips, type Session, type TestApi } from '../support/test-api';

let t: TestApi;
let warehouse: Session;
let support: Session;
let heart: Awaited<ReturnType<typeof createProduct>>;
let order: TestOrder;
const RETURN_NUMBER = 'RET-42001';

beforeAll(async () => {
	t = await createTestApi();
	const main = await createLocation(t.db, { code: 'MAIN', name: 'Main warehouse' });
	const shop = await createLocation(t.db, { code: 'SHOP', name: 'High Street shop' });
	heart = await createProduct(t.db, {
		sku: '85123A',
		barcode: '5012345678900',
		name: 'WHITE HANGING HEART T-LIGHT HOLDER'
	});
	const lantern = await createProduct(t.db, { sku: '71053', name: 'WHITE METAL LANTERN' });
	await receiveStock(t.db, { productId: heart.id, locationId: main.id, onHand: 40, reserved: 6 });
	await receiveStock(t.db, { productId: heart.id, locationId: shop.id, onHand: 3 });
	await receiveStock(t.db, { productId: lantern.id, locationId: main.id, onHand: 7 });
	await t.db.update(stockLevels).set({ bin: 'A-03-2' }).where(eq(stockLevels.locationId, main.id));
	order = await createPendingOrder(t.db);
	const customer = await createCustomer(t.db, { name: 'Ada Lovelace' });
	await t.db.update(orders).set({ customerId: customer.id }).where(eq(orders.id, order.id));
	await t.db.insert(returns).values({
		id: crypto.randomUUID(),
		number: RETURN_NUMBER,
		orderId: order.id,
		customerId: customer.id,
		channel: 'phone',
		status: 'authorised',
		currency: 'GBP'
	});
	warehouse = await t.signIn('warehouse');
	support = await t.signIn('support');
});

const scan = (code: string, session = warehouse) =>
	t.request(`/api/scan/${encodeURIComponent(code)}`, { session });

describe('scan lookup (happy)', () => {
	it('a barcode opens the product with stock and bin per location, in one round trip', async () => {
		const res = await scan('5012345678900');
		expect(res.status).toBe(200);
		expect(roundTrips(res).domain).toBe(1);
		const { matches } = await res.json();
		expect(matches).toHaveLength(1);
		expect(matches[0]).toMatchObject({ kind: 'product', id: heart.id, onHand: 43, available: 37 });
		// The pending order's own location is listed too (nothing there).
		const named = matches[0].stock.filter((l: { code: string }) =>
			['MAIN', 'SHOP'].includes(l.code)
		);
		expect(named).toEqual([
			expect.objectContaining({ code: 'MAIN', onHand: 40, available: 34, bin: 'A-03-2' }),
			expect.objectContaining({ code: 'SHOP', onHand: 3, available: 3, bin: null })
		]);
	});

	it('a SKU in any case names the same product', async () => {
		const { matches } = await (await scan('85123a')).json();
		expect(matches[0]).toMatchObject({ kind: 'product', id: heart.id });
	});

	it('an order number opens the order', async () => {
		const { matches } = await (await scan(order.number, support)).json();
		expect(matches).toEqual([
			expect.objectContaining({ kind: 'order', id: order.id, customerName: 'Ada Lovelace' })
		]);
	});

	it('a return label names the return and its order', async () => {
		const { matches } = await (await scan(RETURN_NUMBER.toLowerCase())).json();
		expect(matches).toEqual([
			expect.objectContaining({ kind: 'return', number: RETURN_NUMBER, orderId: order.id })
		]);
	});

	it('a bin label lists what sits there, with or without its location', async () => {
		for (const label of ['MAIN:A-03-2', 'main:A-03-2', 'A-03-2']) {
			const { matches } = await (await scan(label)).json();
			expect(matches).toHaveLength(1);
			expect(matches[0]).toMatchObject({ kind: 'bin', bin: 'A-03-2', label });
			expect(matches[0].items.map((i: { sku: string }) => i.sku)).toEqual(['71053', '85123A']);
		}
		expect((await (await scan('SHOP:A-03-2')).json()).matches).toEqual([]);
	});
});

describe('scan lookup (security)', () => {
	it('a warehouse role sees the order but not the customer', async () => {
		const { matches } = await (await scan(order.number)).json();
		expect(matches).toEqual([
			expect.objectContaining({ kind: 'order', id: order.id, customerName: null })
		]);
		expect(JSON.stringify(matches)).not.toContain('Lovelace');
	});

	it('an API key without orders.read finds products, never orders or returns', async () => {
		const { key } = await insertApiKey(t.db, ['inventory.read']);
		for (const code of [order.number, RETURN_NUMBER]) {
			const res = await t.request(`/api/scan/${code}`, {
				headers: { authorization: `Bearer ${key}` }
			});
			expect(res.status).toBe(200);
			expect((await res.json()).matches).toEqual([]);
		}
	});

	it('needs a session', async () => {
		expect((await t.request('/api/scan/5012345678900')).status).toBe(401);
	});
});

describe('scan lookup (errors)', () => {
	it('an unknown code is an empty answer, not an error', async () => {
		const res = await scan('9999999999999');
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ code: '9999999999999', matches: [] });
	});

	it('a code with spaces or control characters is refused in words', async () => {
		const res = await scan('50 12');
		expect(res.status).toBe(422);
		expect((await res.json()).errors).toBeDefined();
		const long = await scan('X'.repeat(65));
		expect(long.status).toBe(422);
	});

	it('the bin lookup uses its index', async () => {
		const plan = await t.db.all<{ detail: string }>(
			sql`EXPLAIN QUERY PLAN SELECT * FROM stock_levels WHERE bin = 'A-03-2'`
		);
		expect(plan.map((p) => p.detail).join(' ')).toContain('stock_levels_bin');
	});
});
