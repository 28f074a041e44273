import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocation, createOrders, createProduct, receiveStock } from '../support/factories';
import { createPurchaseOrder, createSupplier, supplyItem } from '../support/purchasing-factory';
import { createTestApi, roundTrips, type Session, type TestApi } from '../support/test-api';

// Low stock and reordering (issue 8): alerts raised by the stock_levels triggers on every
// path, suggestions, purchase-order drafts with cost comparisons, receiving with the
// moving-average cost, idempotent receipts. docs/architecture.md "Reordering (issue 8)".
let t: TestApi;
let manager: Session;
let warehouse: Session;

beforeAll(async () => {
	t = await createTestApi();
	manager = await t.signIn('manager');
	warehouse = await t.signIn('warehouse');
});
afterAll(() => t.client.close());

const post = (path: string, json: unknown, session = manager, headers: HeadersInit = {}) =>
	t.request(path, { method: 'POST', json, session, headers });
const put = (path: string, json: unknown, session = manager) =>
	t.request(path, { method: 'PUT', json, session });

const alerts = (productId: string) =>
	t.db.all<{ closed_at: number | null; available_at_open: number; reorder_point: number }>(
		sql`SELECT closed_at, available_at_open, reorder_point FROM stock_alerts WHERE product_id = ${productId} ORDER BY opened_at, rowid`
	);
const lowEvents = async (productId: string) =>
	(
		await t.db.all<{ data: string; entity_kind: string; type: string }>(
			sql`SELECT type, entity_kind, data FROM outbound_events WHERE type = 'stock.low' AND entity_id = ${productId} ORDER BY created_at, rowid`
		)
	).map((e) => ({ ...e, data: JSON.parse(e.data) as Record<string, unknown> }));

const placeOrder = async (productId: string, locationId: string, quantity: number) => {
	const res = await post('/api/orders', {
		lines: [{ productId, locationId, quantity }],
		shipping: { method: 'Royal Mail 2nd class', amountMinor: 295 }
	});
	expect(res.status, await res.clone().text()).toBe(201);
	return (await res.json()) as { id: string; version: number };
};
const adjust = async (productId: string, locationId: string, delta: number) => {
	const res = await post(
		'/api/inventory/adjustments',
		{ productId, locationId, delta, reason: 'shelf check' },
		warehouse
	);
	expect(res.status, await res.clone().text()).toBe(201);
};

describe('low-stock alerts (happy)', () => {
	it('on the order path: opens once below the point, does not repeat, closes on recovery, opens again', async () => {
		const product = await createProduct(t.db, { reorderPoint: 5 });
		const location = await createLocation(t.db);
		await receiveStock(t.db, { productId: product.id, locationId: location.id, onHand: 8 });
		expect(await alerts(product.id)).toEqual([]);

		await placeOrder(product.id, location.id, 3); // available 5: at the point, not below
		expect(await alerts(product.id)).toEqual([]);
		const second = await placeOrder(product.id, location.id, 2); // 3 < 5
		await placeOrder(product.id, location.id, 1); // 2: still low, no repeat
		expect(await alerts(product.id)).toEqual([
			{ closed_at: null, available_at_open: 3, reorder_point: 5 }
		]);
		const events = await lowEvents(product.id);
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({
			type: 'stock.low',
			entity_kind: 'product',
			data: {
				productId: product.id,
				sku: product.sku,
				locationId: location.id,
				locationCode: location.code,
				onHand: 8,
				reserved: 5,
				available: 3,
				reorderPoint: 5
			}
		});

		// Cancelling releases 2: available 4, still low. Then stock arrives: 4 + 3 = 7 ≥ 5.
		const cancel = await post(`/api/orders/${second.id}/cancel`, { reason: 'changed mind' });
		expect(cancel.status, await cancel.clone().text()).toBe(200);
		expect((await alerts(product.id)).filter((a) => a.closed_at === null)).toHaveLength(1);
		await receiveStock(t.db, { productId: product.id, locationId: location.id, onHand: 3 });
		expect((await alerts(product.id)).every((a) => a.closed_at !== null)).toBe(true);

		await placeOrder(product.id, location.id, 4); // 7 − 4 = 3: the next drop
		const after = await alerts(product.id);
		expect(after).toHaveLength(2);
		expect(after[1]).toEqual({ closed_at: null, available_at_open: 3, reorder_point: 5 });
		expect(await lowEvents(product.id)).toHaveLength(2);
	});

	it("on the adjustment path, against the location's own point", async () => {
		const product = await createProduct(t.db, { reorderPoint: 0 });
		const location = await createLocation(t.db);
		await receiveStock(t.db, { productId: product.id, locationId: location.id, onHand: 12 });
		const set = await put(`/api/purchasing/reorder-points/${product.id}/${location.id}`, {
			reorderPoint: 10,
			reorderQty: 24
		});
		expect(set.status, await set.clone().text()).toBe(200);
		expect(await set.json()).toEqual({
			productId: product.id,
			locationId: location.id,
			onHand: 12,
			reserved: 0,
			available: 12,
			reorderPoint: 10,
			reorderQty: 24,
			productReorderPoint: 0,
			effectiveReorderPoint: 10,
			alertOpen: false
		});
		await adjust(product.id, location.id, -3); // 9 < 10
		await adjust(product.id, location.id, -1); // 8: no repeat
		expect(await lowEvents(product.id)).toHaveLength(1);
		await adjust(product.id, location.id, 5); // 13: recovered
		expect((await alerts(product.id)).map((a) => a.closed_at === null)).toEqual([false]);
		await adjust(product.id, location.id, -4); // 9: opens again
		expect((await alerts(product.id)).map((a) => a.closed_at === null)).toEqual([false, true]);
		expect((await lowEvents(product.id)).map((e) => e.data.available)).toEqual([9, 9]);
	});

	it('raising or clearing a point judges the level at once', async () => {
		const product = await createProduct(t.db, { reorderPoint: 2 });
		const location = await createLocation(t.db);
		await receiveStock(t.db, { productId: product.id, locationId: location.id, onHand: 4 });
		await put(`/api/purchasing/reorder-points/${product.id}/${location.id}`, { reorderPoint: 6 });
		expect((await alerts(product.id)).map((a) => a.closed_at === null)).toEqual([true]);
		// Back to the product's default (2): 4 available is fine again.
		await put(`/api/purchasing/reorder-points/${product.id}/${location.id}`, {
			reorderPoint: null
		});
		expect((await alerts(product.id)).map((a) => a.closed_at === null)).toEqual([false]);
		// The product's default rises for every location following it.
		await t.db.run(sql`UPDATE products SET reorder_point = 9 WHERE id = ${product.id}`);
		expect((await alerts(product.id)).map((a) => a.closed_at === null)).toEqual([false, true]);
		const events = await lowEvents(product.id);
		expect(events).toHaveLength(2);
		expect(events[1]!.data).toMatchObject({ available: 4, reorderPoint: 9 });
		expect(events[1]!.data.alertId).toEqual(expect.any(String));
	});

	it('lists open alerts and counts them for the badge, in one round trip each', async () => {
		const product = await createProduct(t.db, { reorderPoint: 5 });
		const location = await createLocation(t.db);
		await receiveStock(t.db, { productId: product.id, locationId: location.id, onHand: 6 });
		await adjust(product.id, location.id, -2);
		const list = await t.request(`/api/purchasing/alerts?locationId=${location.id}`, {
			session: warehouse
		});
		expect(list.status).toBe(200);
		const body = await list.json();
		expect(body.items).toEqual([
			expect.objectContaining({
				productId: product.id,
				sku: product.sku,
				locationCode: location.code,
				availableAtOpen: 4,
				reorderPoint: 5,
				onHand: 4,
				available: 4
			})
		]);
		expect(roundTrips(list).domain).toBe(1);
		const count = await t.request('/api/purchasing/alerts/count', { session: warehouse });
		expect((await count.json()).open).toBe(body.openCount);
		expect(body.openCount).toBeGreaterThanOrEqual(1);
	});
});

describe('reorder point suggestion (happy)', () => {
	it('is ceil(velocity × (lead time + safety days)), with the reasoning in words', async () => {
		const product = await createProduct(t.db);
		const location = await createLocation(t.db);
		await receiveStock(t.db, { productId: product.id, locationId: location.id, onHand: 100 });
		const at = { productId: product.id, locationId: location.id };
		await createOrders(t.db, { ...at, quantity: 3, count: 10 }); // 30 units
		await createOrders(t.db, { ...at, quantity: 7, status: 'cancelled' }); // not sales
		const supplier = await createSupplier(t.db, { name: 'Acme Candles', leadTimeDays: 5 });
		await supplyItem(t.db, { supplierId: supplier.id, productId: product.id, unitCostMinor: 100 });

		const res = await t.request(
			`/api/purchasing/reorder-points/${product.id}/${location.id}/suggestion?days=28&safetyDays=7`,
			{ session: manager }
		);
		expect(res.status, await res.clone().text()).toBe(200);
		const body = await res.json();
		// 30 / 28 = 1.0714 a day × (5 + 7) = 12.86 → 13.
		expect(body).toMatchObject({
			reorderPoint: 13,
			unitsSold: 30,
			days: 28,
			dailyVelocity: 1.071,
			leadTimeDays: 5,
			safetyDays: 7,
			supplierName: 'Acme Candles',
			currentReorderPoint: 0
		});
		expect(body.reasoning).toBe(
			'Sold 30 in the last 28 days, about 1.07 a day. Acme Candles delivers in 5 days, plus 7 safety days: 1.07 × 12 days ≈ 13 units, so reorder when fewer than 13 are available.'
		);
	});
});

/** Three products low at one location: two sold cheapest by A, one by B, one by nobody. */
async function lowShelf() {
	const location = await createLocation(t.db);
	const a = await createSupplier(t.db, { name: 'Alpha Wholesale', leadTimeDays: 3 });
	const b = await createSupplier(t.db, { name: 'Beta Imports', leadTimeDays: 10 });
	const mug = await createProduct(t.db, { reorderPoint: 10, priceMinor: 1000 });
	const jar = await createProduct(t.db, { reorderPoint: 4, priceMinor: 500 });
	const lamp = await createProduct(t.db, { reorderPoint: 2, priceMinor: 3000 });
	const orphan = await createProduct(t.db, { reorderPoint: 3, priceMinor: 200 });
	const other = await createLocation(t.db);
	await receiveStock(t.db, { productId: mug.id, locationId: location.id, onHand: 4 });
	await receiveStock(t.db, { productId: mug.id, locationId: other.id, onHand: 6 });
	await receiveStock(t.db, { productId: jar.id, locationId: location.id, onHand: 4 });
	await receiveStock(t.db, { productId: lamp.id, locationId: location.id, onHand: 1 });
	await receiveStock(t.db, { productId: orphan.id, locationId: location.id, onHand: 1 });
	await t.db.run(sql`UPDATE products SET average_cost_minor = 400 WHERE id = ${mug.id}`);
	await supplyItem(t.db, {
		supplierId: a.id,
		productId: mug.id,
		unitCostMinor: 450,
		packSize: 6,
		lastPaidUnitCostMinor: 420
	});
	await supplyItem(t.db, { supplierId: b.id, productId: mug.id, unitCostMinor: 470 });
	await supplyItem(t.db, { supplierId: a.id, productId: jar.id, unitCostMinor: 200 });
	await supplyItem(t.db, { supplierId: b.id, productId: lamp.id, unitCostMinor: 1500 });
	return { location, other, a, b, mug, jar, lamp, orphan };
}

describe('reorder screen and purchase orders (happy)', () => {
	it('groups what to order by supplier with the cost comparison and margin effect', async () => {
		const s = await lowShelf();
		const res = await t.request(`/api/purchasing/reorder?locationId=${s.location.id}`, {
			session: manager
		});
		expect(res.status, await res.clone().text()).toBe(200);
		const { groups } = await res.json();
		expect(
			groups.map((g: { supplier: { name: string } | null }) => g.supplier?.name ?? null)
		).toEqual(['Alpha Wholesale', 'Beta Imports', null]);
		const mug = groups[0].lines.find((l: { productId: string }) => l.productId === s.mug.id);
		// Point 10, 4 available, no reorder qty: up to 2 × 10 = 20 → 16, in packs of 6 → 18.
		expect(mug).toMatchObject({
			available: 4,
			reorderPoint: 10,
			onOrder: 0,
			packSize: 6,
			quantity: 18
		});
		expect(mug.cost).toEqual({
			newUnitCostMinor: 450,
			lastPaidUnitCostMinor: 420,
			averageCostMinor: 400,
			vsLastPaid: { amountMinor: 30, percent: 7.1 },
			vsAverage: { amountMinor: 50, percent: 12.5 },
			margin: {
				priceMinor: 1000,
				beforeMinor: 600,
				beforePercent: 60,
				afterMinor: 550,
				afterPercent: 55
			}
		});
		expect(mug.lineTotalMinor).toBe(18 * 450);
		// The jar is AT its point (4 of 4): on the list, 2 × 4 − 4 = 4 units.
		expect(
			groups[0].lines.find((l: { productId: string }) => l.productId === s.jar.id)
		).toMatchObject({
			quantity: 4,
			cost: expect.objectContaining({ vsLastPaid: null, vsAverage: null })
		});
		expect(groups[0].totalMinor).toBe(18 * 450 + 4 * 200);
		expect(groups[2].lines).toEqual([
			expect.objectContaining({ productId: s.orphan.id, cost: null, lineTotalMinor: null })
		]);
	});

	it('drafts one order per supplier, then a manager approves and sends it', async () => {
		const s = await lowShelf();
		const res = await post('/api/purchasing/purchase-orders/drafts', { locationId: s.location.id });
		expect(res.status, await res.clone().text()).toBe(201);
		const { created } = await res.json();
		expect(created).toHaveLength(2);
		expect(created.map((c: { supplierName: string }) => c.supplierName).sort()).toEqual([
			'Alpha Wholesale',
			'Beta Imports'
		]);
		expect(created[0].number).toMatch(/^PO-\d+$/);
		// Drafts are on order: a second draft run finds nothing more to order from suppliers.
		const again = await post('/api/purchasing/purchase-orders/drafts', {
			locationId: s.location.id
		});
		expect((await again.json()).created).toEqual([]);

		const alpha = created.find(
			(c: { supplierName: string }) => c.supplierName === 'Alpha Wholesale'
		);
		const detail = await (
			await t.request(`/api/purchasing/purchase-orders/${alpha.id}`, { session: manager })
		).json();
		expect(detail.lines.map((l: { orderedQty: number }) => l.orderedQty).sort()).toEqual([18, 4]);
		expect(
			detail.lines.find((l: { productId: string }) => l.productId === s.mug.id).cost.margin
		).toEqual({
			priceMinor: 1000,
			beforeMinor: 600,
			beforePercent: 60,
			afterMinor: 550,
			afterPercent: 55
		});

		const send = await post(`/api/purchasing/purchase-orders/${alpha.id}/send`, {
			expectVersion: 1
		});
		expect(send.status).toBe(409);
		expect((await send.json()).type).toBe('urn:ordo:problem:purchase-order-status');
		const approve = await post(`/api/purchasing/purchase-orders/${alpha.id}/approve`, {
			expectVersion: 1
		});
		expect(approve.status, await approve.clone().text()).toBe(200);
		expect(await approve.json()).toMatchObject({ status: 'approved', version: 2 });
		const stale = await post(`/api/purchasing/purchase-orders/${alpha.id}/send`, {
			expectVersion: 1
		});
		expect(stale.status).toBe(409);
		expect((await stale.json()).type).toBe('urn:ordo:problem:purchase-order-changed');
		const sent = await post(`/api/purchasing/purchase-orders/${alpha.id}/send`, {
			expectVersion: 2
		});
		expect(await sent.json()).toMatchObject({
			status: 'sent',
			version: 3,
			sentAt: expect.any(String)
		});
		const audit = await t.db.all<{ action: string }>(
			sql`SELECT action FROM audit_log WHERE target_id = ${alpha.id} ORDER BY seq`
		);
		expect(audit.map((a) => a.action)).toEqual(['purchase_order.approve', 'purchase_order.send']);
	});
});

describe('receiving a purchase order (happy)', () => {
	it('adds stock, updates the moving-average cost in the same batch, partial then full', async () => {
		const s = await lowShelf();
		const [poId] = await createPurchaseOrder(t.db, {
			supplierId: s.a.id,
			locationId: s.location.id,
			lines: [
				{ productId: s.mug.id, orderedQty: 18, unitCostMinor: 450 },
				{ productId: s.jar.id, orderedQty: 4, unitCostMinor: 200 }
			]
		});
		const receipt = (json: unknown, key = crypto.randomUUID()) =>
			post(`/api/purchasing/purchase-orders/${poId}/receipts`, json, warehouse, {
				'idempotency-key': key
			});
		// 10 mugs on hand (4 here, 6 elsewhere) at 400: + 5 at 450 = 6250 / 15 = 416.67 → 417.
		const first = await receipt({ lines: [{ line: 1, quantity: 5 }] });
		expect(first.status, await first.clone().text()).toBe(200);
		expect(await first.json()).toMatchObject({
			status: 'partially_received',
			lines: [
				expect.objectContaining({ line: 1, receivedQty: 5, averageCostMinor: 417 }),
				expect.objectContaining({ line: 2, receivedQty: 0, averageCostMinor: null })
			]
		});
		expect(roundTrips(first).domain).toBe(2);
		const avg = async () =>
			(
				await t.db.all<{ a: number; on_hand: number }>(
					sql`SELECT average_cost_minor AS a, (SELECT on_hand FROM stock_levels WHERE product_id = p.id AND location_id = ${s.location.id}) AS on_hand FROM products p WHERE id = ${s.mug.id}`
				)
			)[0]!;
		expect(await avg()).toEqual({ a: 417, on_hand: 9 });
		// 15 at 417 + 13 at 450 = 12105 / 28 = 432.32 → 432; the jar's first costed receipt: 200.
		const second = await receipt({
			lines: [
				{ line: 1, quantity: 13 },
				{ line: 2, quantity: 4 }
			]
		});
		expect(await second.json()).toMatchObject({ status: 'received' });
		expect(await avg()).toEqual({ a: 432, on_hand: 22 });
		const jar = await t.db.all<{ a: number }>(
			sql`SELECT average_cost_minor AS a FROM products WHERE id = ${s.jar.id}`
		);
		expect(jar[0]!.a).toBe(200);
		const lastPaid = await t.db.all<{ p: number }>(
			sql`SELECT last_paid_unit_cost_minor AS p FROM supplier_items WHERE supplier_id = ${s.a.id} AND product_id = ${s.mug.id}`
		);
		expect(lastPaid[0]!.p).toBe(450);
		// The receipts cured the mug's low stock here (22 ≥ 10); the other location (6) stays low.
		const open = await t.db.all<{ location_id: string }>(
			sql`SELECT location_id FROM stock_alerts WHERE product_id = ${s.mug.id} AND closed_at IS NULL`
		);
		expect(open).toEqual([{ location_id: s.other.id }]);
		const moves = await t.db.all<{ kind: string; reference: string; on_hand_delta: number }>(
			sql`SELECT kind, reference, on_hand_delta FROM stock_movements WHERE product_id = ${s.mug.id} AND kind = 'receipt' AND reference IS NOT NULL`
		);
		expect(moves.map((m) => m.on_hand_delta).sort()).toEqual([13, 5]);
		// A received order takes no more.
		const more = await receipt({ lines: [{ line: 1, quantity: 1 }] });
		expect(more.status).toBe(409);
		expect((await more.json()).type).toBe('urn:ordo:problem:purchase-order-not-receivable');
	});

	it('flags an over-receipt: refused without a reason, accepted and recorded with one', async () => {
		const s = await lowShelf();
		const [poId] = await createPurchaseOrder(t.db, {
			supplierId: s.b.id,
			locationId: s.location.id,
			lines: [{ productId: s.lamp.id, orderedQty: 3, unitCostMinor: 1500 }]
		});
		const receipt = (json: unknown) =>
			post(`/api/purchasing/purchase-orders/${poId}/receipts`, json, warehouse, {
				'idempotency-key': crypto.randomUUID()
			});
		const refused = await receipt({ lines: [{ line: 1, quantity: 4 }] });
		expect(refused.status).toBe(422);
		const problem = await refused.json();
		expect(problem.type).toBe('urn:ordo:problem:over-receipt');
		expect(problem.errors['lines.0.quantity'][0]).toContain('4 would be received of 3 ordered');
		const accepted = await receipt({
			lines: [{ line: 1, quantity: 4 }],
			overReceiptReason: 'supplier sent a spare'
		});
		expect(accepted.status, await accepted.clone().text()).toBe(200);
		expect(await accepted.json()).toMatchObject({
			status: 'received',
			lines: [expect.objectContaining({ receivedQty: 4, orderedQty: 3 })]
		});
		const move = await t.db.all<{ reason: string }>(
			sql`SELECT reason FROM stock_movements WHERE product_id = ${s.lamp.id} AND kind = 'receipt' AND reference IS NOT NULL`
		);
		expect(move[0]!.reason).toContain('over-receipt: supplier sent a spare');
	});

	it('replays a receipt sent twice with one Idempotency-Key: stock moves once', async () => {
		const s = await lowShelf();
		const [poId] = await createPurchaseOrder(t.db, {
			supplierId: s.b.id,
			locationId: s.location.id,
			lines: [{ productId: s.lamp.id, orderedQty: 10, unitCostMinor: 1500 }]
		});
		const key = crypto.randomUUID();
		const send = (json: unknown) =>
			post(`/api/purchasing/purchase-orders/${poId}/receipts`, json, warehouse, {
				'idempotency-key': key
			});
		const body = { lines: [{ line: 1, quantity: 2 }], receivedAt: '2026-11-29T10:00:00+01:00' };
		const first = await send(body);
		const replay = await send(body);
		expect(first.status).toBe(200);
		expect(replay.status).toBe(200);
		expect(await replay.json()).toEqual(await first.json());
		const level = await t.db.all<{ on_hand: number }>(
			sql`SELECT on_hand FROM stock_levels WHERE product_id = ${s.lamp.id} AND location_id = ${s.location.id}`
		);
		expect(level[0]!.on_hand).toBe(3);
		const other = await send({ lines: [{ line: 1, quantity: 3 }] });
		expect(other.status).toBe(422);
	});
});

describe('bad input (error)', () => {
	it('answers 4xx problems a person can act on, and changes nothing', async () => {
		const s = await lowShelf();
		const [poId] = await createPurchaseOrder(t.db, {
			supplierId: s.b.id,
			locationId: s.location.id,
			lines: [{ productId: s.lamp.id, orderedQty: 10, unitCostMinor: 1500 }]
		});
		const [draftId] = await createPurchaseOrder(t.db, {
			supplierId: s.b.id,
			locationId: s.location.id,
			status: 'draft',
			lines: [{ productId: s.lamp.id, orderedQty: 10, unitCostMinor: 1500 }]
		});
		const receipts = `/api/purchasing/purchase-orders/${poId}/receipts`;
		const keyed = { 'idempotency-key': crypto.randomUUID() };
		const cases: [Promise<Response>, number, string][] = [
			[
				post(receipts, { lines: [{ line: 1, quantity: 2 }] }, warehouse),
				422,
				'idempotency-key-required'
			],
			[
				post(receipts, { lines: [{ line: 1, quantity: -2 }] }, warehouse, keyed),
				422,
				'invalid-input'
			],
			[
				post(receipts, { lines: [] }, warehouse, { 'idempotency-key': 'k-empty' }),
				422,
				'invalid-input'
			],
			[
				post(receipts, { lines: [{ line: 9, quantity: 1 }] }, warehouse, {
					'idempotency-key': 'k-9'
				}),
				422,
				'receipt-invalid'
			],
			[
				post(
					`/api/purchasing/purchase-orders/${draftId}/receipts`,
					{ lines: [{ line: 1, quantity: 1 }] },
					warehouse,
					{ 'idempotency-key': 'k-d' }
				),
				409,
				'purchase-order-not-receivable'
			],
			[
				post(
					'/api/purchasing/purchase-orders/nope/receipts',
					{ lines: [{ line: 1, quantity: 1 }] },
					warehouse,
					{ 'idempotency-key': 'k-n' }
				),
				404,
				'purchase-order-not-found'
			],
			[
				put(`/api/purchasing/reorder-points/${s.mug.id}/${s.location.id}`, { reorderPoint: -1 }),
				422,
				'invalid-input'
			],
			[
				put(`/api/purchasing/reorder-points/nope/${s.location.id}`, { reorderPoint: 3 }),
				422,
				'unknown-reference'
			],
			[
				post('/api/purchasing/suppliers', { name: 'X', email: 'not an email', leadTimeDays: 3 }),
				422,
				'invalid-input'
			],
			[post('/api/purchasing/suppliers', { name: 'X', leadTimeDays: 400 }), 422, 'invalid-input'],
			[
				t.request('/api/purchasing/reorder?locationId=nope', { session: manager }),
				404,
				'location-not-found'
			],
			[
				post(`/api/purchasing/purchase-orders/${poId}/approve`, { expectVersion: 1 }),
				409,
				'purchase-order-status'
			],
			[
				post(receipts, { lines: [{ line: 1, quantity: 1 }] }, manager, {
					'idempotency-key': 'k-m'
				}),
				200,
				''
			]
		];
		for (const [pending, status, type] of cases) {
			const res = await pending;
			const text = await res.text();
			expect(res.status, text).toBe(status);
			if (type) {
				expect(res.headers.get('content-type')).toMatch(/problem\+json/);
				expect(JSON.parse(text).type, text).toBe(`urn:ordo:problem:${type}`);
			}
		}
		// Only the last (good) receipt moved stock: 1 (lamp) + 1.
		const level = await t.db.all<{ on_hand: number }>(
			sql`SELECT on_hand FROM stock_levels WHERE product_id = ${s.lamp.id} AND location_id = ${s.location.id}`
		);
		expect(level[0]!.on_hand).toBe(2);
	});

	it('keeps receiving and purchasing apart: warehouse staff cannot approve or draft', async () => {
		const s = await lowShelf();
		const res = await post(
			'/api/purchasing/purchase-orders/drafts',
			{ locationId: s.location.id },
			warehouse
		);
		expect(res.status).toBe(403);
	});
});
