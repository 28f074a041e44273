import { beforeAll, describe, expect, it } from 'vitest';
import { createLocation } from '../support/factories';
import { createPaidOrder } from '../support/orders-factory-fulfilment';
import { createTestApi, type Session, type TestApi } from '../support/test-api';

let t: TestApi;
let warehouse: Session;

beforeAll(async () => {
	t = await createTestApi();
	warehouse = await t.signIn('warehouse');
});

const post = (path: string, json: unknown, headers: Record<string, string> = {}) =>
	t.request(path, { method: 'POST', session: warehouse, json, headers });

async function start(orderId: string, locationId: string, extra: object = {}) {
	const res = await post(`/api/fulfilment/orders/${orderId}/shipments`, { locationId, ...extra });
	expect(res.status, await res.clone().text()).toBe(201);
	return res.json();
}

async function pick(shipmentId: string, code: string, headers: Record<string, string> = {}) {
	return post(`/api/fulfilment/shipments/${shipmentId}/picks`, { code }, headers);
}

async function ledgerMatchesLevels(productId: string, locationId: string) {
	const { rows } = await t.client.execute({
		sql: `SELECT (SELECT coalesce(sum(on_hand_delta), 0) FROM stock_movements WHERE product_id = ?1 AND location_id = ?2) AS moved_on_hand,
			(SELECT coalesce(sum(reserved_delta), 0) FROM stock_movements WHERE product_id = ?1 AND location_id = ?2) AS moved_reserved,
			on_hand, reserved FROM stock_levels WHERE product_id = ?1 AND location_id = ?2`,
		args: [productId, locationId]
	});
	const r = rows[0]!;
	expect(Number(r.moved_on_hand)).toBe(Number(r.on_hand));
	expect(Number(r.moved_reserved)).toBe(Number(r.reserved));
	return { onHand: Number(r.on_hand), reserved: Number(r.reserved) };
}

describe('pick list', () => {
	it('lists a location’s paid orders oldest first, lines by bin then SKU, in keyset pages', async () => {
		const loc = await createLocation(t.db);
		const older = await createPaidOrder(t.db, {
			locationId: loc.id,
			placedAt: 1_000,
			lines: [
				{ quantity: 1, bin: 'C-01', sku: 'ZZ-LAST' },
				{ quantity: 2, bin: 'A-02', sku: 'BB-2' },
				{ quantity: 1, bin: 'A-02', sku: 'AA-1' },
				{ quantity: 1, bin: null, sku: 'NO-BIN' }
			]
		});
		const newer = await createPaidOrder(t.db, {
			locationId: loc.id,
			placedAt: 2_000,
			lines: [{ quantity: 1 }]
		});
		await createPaidOrder(t.db, {
			locationId: loc.id,
			status: 'pending_payment',
			lines: [{ quantity: 1 }]
		});
		const first = await t.request(`/api/fulfilment/pick-list?locationId=${loc.id}&limit=1`, {
			session: warehouse
		});
		expect(first.status).toBe(200);
		const page1 = await first.json();
		expect(page1.items.map((i: { number: string }) => i.number)).toEqual([older.number]);
		expect(page1.items[0].lines.map((l: { sku: string }) => l.sku)).toEqual([
			'AA-1',
			'BB-2',
			'ZZ-LAST',
			'NO-BIN'
		]);
		const page2 = await (
			await t.request(
				`/api/fulfilment/pick-list?locationId=${loc.id}&limit=1&after=${page1.nextCursor}`,
				{ session: warehouse }
			)
		).json();
		expect(page2.items.map((i: { number: string }) => i.number)).toEqual([newer.number]);
		expect(page2.nextCursor).toBeNull();
	});
});

describe('picking', () => {
	it('a wrong item is a 422 naming what was scanned and what is expected', async () => {
		const order = await createPaidOrder(t.db, { lines: [{ quantity: 1, sku: 'LAMP-1' }] });
		const other = await createPaidOrder(t.db, { lines: [{ quantity: 1, sku: 'MUG-9' }] });
		const sh = await start(order.id, order.locationId);
		const res = await pick(sh.id, other.products[0]!.barcode!);
		expect(res.status).toBe(422);
		const body = await res.json();
		expect(body.type).toBe('urn:ordo:problem:wrong-item');
		expect(body.errors.scanned[0]).toContain('MUG-9');
		expect(body.errors.expected[0]).toContain('LAMP-1');
		const unknown = await (await pick(sh.id, 'NOPE-000')).json();
		expect(unknown.title).toContain('NOPE-000');
	});

	it('refuses an over-pick and replays a retried pick with its Idempotency-Key', async () => {
		const order = await createPaidOrder(t.db, { lines: [{ quantity: 1, sku: 'TWICE-1' }] });
		const sh = await start(order.id, order.locationId);
		const key = { 'idempotency-key': crypto.randomUUID() };
		const once = await pick(sh.id, 'twice-1', key);
		expect(once.status).toBe(200);
		const again = await pick(sh.id, 'twice-1', key);
		expect(again.status).toBe(200);
		expect(await again.json()).toEqual(await once.json());
		const { rows } = await t.client.execute({
			sql: 'SELECT picked_quantity FROM shipment_lines WHERE shipment_id = ?',
			args: [sh.id]
		});
		expect(Number(rows[0]!.picked_quantity)).toBe(1);
		const over = await pick(sh.id, 'TWICE-1');
		expect(over.status).toBe(409);
		expect((await over.json()).type).toBe('urn:ordo:problem:over-picked');
	});

	it('two pickers scanning the last unit at once: one counts, the other is refused', async () => {
		const order = await createPaidOrder(t.db, { lines: [{ quantity: 1, sku: 'LAST-1' }] });
		const sh = await start(order.id, order.locationId);
		const answers = await Promise.all([pick(sh.id, 'LAST-1'), pick(sh.id, 'LAST-1')]);
		expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
		const { rows } = await t.client.execute({
			sql: `SELECT (SELECT picked_quantity FROM shipment_lines WHERE shipment_id = ?1) AS picked,
				(SELECT count(*) FROM timeline_events WHERE entity_id = ?1 AND kind = 'shipment.item_picked') AS events`,
			args: [sh.id]
		});
		expect(rows[0]).toMatchObject({ picked: 1, events: 1 });
	});

	it('an illegal step is a 409 naming what is allowed, and changes nothing', async () => {
		const unpaid = await createPaidOrder(t.db, {
			status: 'pending_payment',
			lines: [{ quantity: 1 }]
		});
		const res = await post(`/api/fulfilment/orders/${unpaid.id}/shipments`, {
			locationId: unpaid.locationId
		});
		expect(res.status).toBe(409);
		const body = await res.json();
		expect(body.type).toBe('urn:ordo:problem:illegal-transition');
		expect(body.detail).toContain('paid, allocated');
		const order = await createPaidOrder(t.db, { lines: [{ quantity: 1 }] });
		const sh = await start(order.id, order.locationId);
		const ship = await post(`/api/fulfilment/shipments/${sh.id}/ship`, {
			carrier: 'DPD',
			trackingNumber: 'X1'
		});
		expect(ship.status).toBe(409);
		expect((await ship.json()).detail).toContain('packed');
		const pack = await post(`/api/fulfilment/shipments/${sh.id}/pack`, {});
		expect(pack.status).toBe(409);
		expect((await pack.json()).type).toBe('urn:ordo:problem:nothing-picked');
	});

	it('a stale order version is a 409 order-changed', async () => {
		const order = await createPaidOrder(t.db, { lines: [{ quantity: 1 }] });
		const res = await post(`/api/fulfilment/orders/${order.id}/shipments`, {
			locationId: order.locationId,
			expectedVersion: 7
		});
		expect(res.status).toBe(409);
		expect((await res.json()).type).toBe('urn:ordo:problem:order-changed');
	});
});

describe('pack and ship', () => {
	it('a partial shipment ships what was picked and leaves the rest on the pick list', async () => {
		const order = await createPaidOrder(t.db, {
			lines: [
				{ quantity: 3, sku: 'PART-1', spare: 2 },
				{ quantity: 1, sku: 'PART-2' }
			]
		});
		const sh = await start(order.id, order.locationId);
		expect((await pick(sh.id, 'PART-1')).status).toBe(200);
		const refused = await post(`/api/fulfilment/shipments/${sh.id}/pack`, {});
		expect(refused.status).toBe(409);
		expect((await refused.json()).title).toContain('3 units still to pick');
		const packed = await (
			await post(`/api/fulfilment/shipments/${sh.id}/pack`, { partial: true })
		).json();
		expect(packed.status).toBe('packed');
		expect(packed.lines).toEqual([
			expect.objectContaining({ sku: 'PART-1', quantity: 1, pickedQuantity: 1 })
		]);
		const shipped = await post(`/api/fulfilment/shipments/${sh.id}/ship`, {
			carrier: 'Royal Mail',
			trackingNumber: 'RM 123 GB'
		});
		expect(shipped.status).toBe(200);
		const body = await shipped.json();
		expect(body).toMatchObject({
			status: 'shipped',
			carrier: 'Royal Mail',
			orderStatus: 'allocated',
			fulfilmentStatus: 'partial'
		});
		const product = order.products[0]!.id;
		expect(await ledgerMatchesLevels(product, order.locationId)).toEqual({
			onHand: 4,
			reserved: 2
		});
		const list = await (
			await t.request(`/api/fulfilment/pick-list?locationId=${order.locationId}`, {
				session: warehouse
			})
		).json();
		const rest = list.items.find((i: { orderId: string }) => i.orderId === order.id);
		expect(
			rest.lines.map((l: { sku: string; outstanding: number }) => [l.sku, l.outstanding])
		).toEqual([
			['PART-1', 2],
			['PART-2', 1]
		]);
	});

	it('shipping everything moves reserved stock out of on hand and marks the order shipped', async () => {
		const order = await createPaidOrder(t.db, { lines: [{ quantity: 2, sku: 'ALL-1', spare: 5 }] });
		const sh = await start(order.id, order.locationId);
		await pick(sh.id, 'ALL-1');
		await pick(sh.id, order.products[0]!.barcode!);
		const packed = await post(`/api/fulfilment/shipments/${sh.id}/pack`, {});
		expect((await packed.json()).orderStatus).toBe('packed');
		const shipped = await (
			await post(`/api/fulfilment/shipments/${sh.id}/ship`, {
				carrier: 'DPD',
				trackingNumber: '15501234'
			})
		).json();
		expect(shipped).toMatchObject({ orderStatus: 'shipped', fulfilmentStatus: 'fulfilled' });
		expect(await ledgerMatchesLevels(order.products[0]!.id, order.locationId)).toEqual({
			onHand: 5,
			reserved: 0
		});
		const { rows } = await t.client.execute({
			sql: `SELECT (SELECT quantity_shipped FROM order_lines WHERE order_id = ?1) AS shipped,
				(SELECT count(*) FROM timeline_events WHERE order_id = ?1) AS events,
				(SELECT count(*) FROM audit_log WHERE target_id = ?2) AS audits`,
			args: [order.id, sh.id]
		});
		expect(rows[0]).toMatchObject({ shipped: 2, events: 5, audits: 5 });
		const again = await post(`/api/fulfilment/shipments/${sh.id}/ship`, {
			carrier: 'DPD',
			trackingNumber: '1'
		});
		expect(again.status).toBe(409);
	});
});

describe('the order lifecycle from the warehouse', () => {
	it('packing a parcel of an order put on hold meanwhile is a 409 naming what it may become', async () => {
		const order = await createPaidOrder(t.db, { lines: [{ quantity: 1, sku: 'HOLD-1' }] });
		const sh = await start(order.id, order.locationId);
		expect((await pick(sh.id, 'HOLD-1')).status).toBe(200);
		const rep = await t.signIn('manager');
		const held = await t.request(`/api/orders/${order.id}/hold`, {
			method: 'POST',
			session: rep,
			json: { reason: 'customer asked to wait' }
		});
		expect(held.status, await held.clone().text()).toBe(200);
		const pack = await post(`/api/fulfilment/shipments/${sh.id}/pack`, {});
		expect(pack.status).toBe(409);
		const body = await pack.json();
		expect(body.type).toBe('urn:ordo:problem:illegal-transition');
		expect(body.detail).toBe('From on hold it can become: cancelled.');
		expect(body.errors).toEqual({ status: ['Allowed from on_hold: cancelled'] });
		const { rows } = await t.client.execute({
			sql: `SELECT (SELECT status FROM shipments WHERE id = ?1) AS shipment,
				(SELECT status FROM orders WHERE id = ?2) AS orderStatus`,
			args: [sh.id, order.id]
		});
		expect(rows[0]).toMatchObject({ shipment: 'picking', orderStatus: 'on_hold' });
		const again = await post(`/api/fulfilment/orders/${order.id}/shipments`, {
			locationId: order.locationId
		});
		expect(again.status).toBe(409);
		expect((await again.json()).errors).toEqual({ status: ['Allowed from on_hold: cancelled'] });
	});

	it('two partial parcels ship with their own carrier and tracking, then deliver the order', async () => {
		const order = await createPaidOrder(t.db, { lines: [{ quantity: 2, sku: 'TWO-1' }] });
		const rep = await t.signIn('support');
		const first = await start(order.id, order.locationId);
		await pick(first.id, 'TWO-1');
		await post(`/api/fulfilment/shipments/${first.id}/pack`, { partial: true });
		const shipped1 = await post(`/api/fulfilment/shipments/${first.id}/ship`, {
			carrier: 'DPD',
			trackingNumber: 'DPD-1'
		});
		expect(await shipped1.json()).toMatchObject({
			orderStatus: 'allocated',
			fulfilmentStatus: 'partial'
		});
		const deliver = (id: string) =>
			t.request(`/api/fulfilment/shipments/${id}/deliver`, {
				method: 'POST',
				session: rep,
				json: {}
			});
		const early = await deliver(first.id);
		expect(early.status).toBe(200);
		expect((await early.json()).orderStatus).toBe('allocated');
		const second = await start(order.id, order.locationId);
		await pick(second.id, 'TWO-1');
		await post(`/api/fulfilment/shipments/${second.id}/pack`, {});
		const shipped2 = await post(`/api/fulfilment/shipments/${second.id}/ship`, {
			carrier: 'Royal Mail',
			trackingNumber: 'RM-2'
		});
		expect(await shipped2.json()).toMatchObject({
			orderStatus: 'shipped',
			fulfilmentStatus: 'fulfilled'
		});
		const done = await deliver(second.id);
		expect(await done.json()).toMatchObject({ status: 'delivered', orderStatus: 'delivered' });
		expect((await deliver(second.id)).status).toBe(409);
		const page = await (await t.request(`/api/orders/${order.id}`, { session: rep })).json();
		expect(
			page.shipments.map((s: { carrier: string; trackingNumber: string; status: string }) => [
				s.carrier,
				s.trackingNumber,
				s.status
			])
		).toEqual([
			['DPD', 'DPD-1', 'delivered'],
			['Royal Mail', 'RM-2', 'delivered']
		]);
		const { rows } = await t.client.execute({
			sql: `SELECT kind FROM timeline_events WHERE order_id = ?1 AND kind = 'shipment.delivered'`,
			args: [order.id]
		});
		expect(rows).toHaveLength(2);
	});
});
