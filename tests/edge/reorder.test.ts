import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocation, createProduct, receiveStock } from '../support/factories';
import { createPurchaseOrder, createSupplier, supplyItem } from '../support/purchasing-factory';
import { roundTrips, type Session } from '../support/test-api';
import { shopApi, type EdgeApi } from './edge-api';

// One purchase-order receipt in workerd over libSQL HTTP: stock in, the moving-average
// cost in the same batch, the low-stock alert closed by the trigger, a replay applied once.
// The shop database is shared between edge files: every row here is this file's own.
let t: EdgeApi;
let warehouse: Session;

beforeAll(async () => {
	t = await shopApi();
	warehouse = await t.signIn('warehouse');
});
afterAll(() => t.client.close());

describe('receiving a purchase order at the edge (happy)', () => {
	it('adds stock, updates the average cost and closes the alert; a replay applies once', async () => {
		const location = await createLocation(t.db);
		const product = await createProduct(t.db, { reorderPoint: 5 });
		await receiveStock(t.db, { productId: product.id, locationId: location.id, onHand: 4 });
		await t.db.run(sql`UPDATE products SET average_cost_minor = 300 WHERE id = ${product.id}`);
		const supplier = await createSupplier(t.db);
		await supplyItem(t.db, { supplierId: supplier.id, productId: product.id, unitCostMinor: 360 });
		const [poId] = await createPurchaseOrder(t.db, {
			supplierId: supplier.id,
			locationId: location.id,
			lines: [{ productId: product.id, orderedQty: 8, unitCostMinor: 360 }]
		});
		// The level was written with 4 < 5 by the ledger: the trigger opened an alert.
		const open = () =>
			t.db.all<{ n: number }>(
				sql`SELECT count(*) AS n FROM stock_alerts WHERE product_id = ${product.id} AND closed_at IS NULL`
			);
		expect((await open())[0]!.n).toBe(1);

		const send = () =>
			t.request(`/api/purchasing/purchase-orders/${poId}/receipts`, {
				method: 'POST',
				session: warehouse,
				headers: { 'idempotency-key': `edge-receipt-${poId}` },
				json: { lines: [{ line: 1, quantity: 6 }] }
			});
		const res = await send();
		expect(res.status, await res.clone().text()).toBe(200);
		expect(roundTrips(res).domain).toBe(2);
		expect(await res.json()).toMatchObject({ status: 'partially_received' });
		expect((await send()).status).toBe(200);

		// (300 × 4 + 6 × 360) / 10 = 336.
		const [row] = await t.db.all<{ avg: number; onHand: number }>(
			sql`SELECT p.average_cost_minor AS avg, s.on_hand AS onHand FROM products p
				JOIN stock_levels s ON s.product_id = p.id AND s.location_id = ${location.id} WHERE p.id = ${product.id}`
		);
		expect(row).toEqual({ avg: 336, onHand: 10 });
		expect((await open())[0]!.n).toBe(0);
	});
});
