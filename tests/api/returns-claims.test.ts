import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDeliveredOrder, insertReturn } from '../support/returns-factory';
import { createTestApi, roundTrips, type Session, type TestApi } from '../support/test-api';

// Claims (issue 11): a refund or a replacement with no return. A claim counts against
// what was shipped like a return does; a lost parcel that comes back later goes to
// quarantine and never refunds twice.

let t: TestApi;
let support: Session;
let warehouse: Session;
beforeAll(async () => {
	t = await createTestApi();
	support = await t.signIn('support');
	warehouse = await t.signIn('warehouse');
});

const file = (json: unknown, session = support) =>
	t.request('/api/claims', { method: 'POST', session, json });
const count = async (query: ReturnType<typeof sql>) => (await t.db.all<{ n: number }>(query))[0]!.n;

describe('filing a claim', () => {
	it('refunds the net amount paid for the claimed units as a pending refund, in one batch', async () => {
		const order = await createDeliveredOrder(t.db, {
			lines: [
				{ quantity: 3, priceMinor: 2000, discountMinor: 600 },
				{ quantity: 1, priceMinor: 500 }
			]
		});
		const res = await file({
			orderId: order.number,
			kind: 'damaged',
			lines: [{ orderLine: 1, quantity: 2 }],
			resolution: 'refund',
			note: 'Mug arrived cracked; photo by email'
		});
		expect(res.status).toBe(201);
		expect(roundTrips(res).domain).toBe(2);
		const claim = await res.json();
		// Net paid for line 1: 3 × 20.00 − 6.00 = 54.00; two units: 36.00.
		expect(claim).toMatchObject({
			kind: 'claim',
			status: 'resolved',
			refundMinor: 3600,
			orderNumber: order.number,
			lines: [
				{ orderLine: 1, quantity: 2, status: 'resolved', reasonCode: 'damaged', outcome: 'refund' }
			]
		});
		expect(claim.number).toMatch(/^RET-\d+$/);
		const refunds = await t.db.all<Record<string, unknown>>(
			sql`SELECT amount_minor, status, kind, return_id, payment_id FROM refunds WHERE order_id = ${order.id}`
		);
		expect(refunds).toEqual([
			{
				amount_minor: 3600,
				status: 'pending',
				kind: 'claim',
				return_id: claim.id,
				payment_id: order.paymentIds[0]
			}
		]);
		expect(claim.refunds).toEqual([
			{ id: expect.any(String), amountMinor: 3600, status: 'pending' }
		]);
		expect(
			await count(sql`SELECT count(*) AS n FROM timeline_events WHERE entity_id = ${claim.id}`)
		).toBe(1);
		expect(
			await count(
				sql`SELECT count(*) AS n FROM outbound_events WHERE entity_id = ${claim.id} AND type IN ('claim.opened', 'claim.resolved')`
			)
		).toBe(2);
		expect(
			await count(
				sql`SELECT count(*) AS n FROM audit_log WHERE action = 'return.claim_file' AND target_id = ${claim.id}`
			)
		).toBe(1);
	});

	it('splits the refund over split payments, oldest first', async () => {
		const order = await createDeliveredOrder(t.db, {
			lines: [{ quantity: 2, priceMinor: 1500 }],
			paymentsMinor: [1000, 2000]
		});
		const res = await file({
			orderId: order.id,
			kind: 'defective',
			lines: [{ orderLine: 1, quantity: 2 }],
			resolution: 'refund'
		});
		expect(res.status).toBe(201);
		const rows = await t.db.all<{ payment_id: string; amount_minor: number }>(
			sql`SELECT payment_id, amount_minor FROM refunds WHERE order_id = ${order.id} ORDER BY amount_minor`
		);
		expect(rows).toEqual([
			{ payment_id: order.paymentIds[0], amount_minor: 1000 },
			{ payment_id: order.paymentIds[1], amount_minor: 2000 }
		]);
	});

	it('sends a replacement as a new line on the original order, with its stock reserved', async () => {
		const order = await createDeliveredOrder(t.db, { lines: [{ quantity: 2, priceMinor: 1200 }] });
		const reserved = () =>
			count(
				sql`SELECT reserved AS n FROM stock_levels WHERE product_id = ${order.products[0]!.id} AND location_id = ${order.locationId}`
			);
		const before = await reserved();
		const res = await file({
			orderId: order.id,
			kind: 'wrong_item',
			lines: [{ orderLine: 1, quantity: 1 }],
			resolution: 'replacement'
		});
		expect(res.status).toBe(201);
		const claim = await res.json();
		expect(claim).toMatchObject({
			refundMinor: 0,
			refunds: [],
			lines: [{ outcome: 'replacement', replacementOrderLine: 2 }]
		});
		const [line] = await t.db.all<Record<string, unknown>>(
			sql`SELECT quantity, replaces_line, return_id, net_minor, unit_price_minor FROM order_lines WHERE order_id = ${order.id} AND line = 2`
		);
		expect(line).toEqual({
			quantity: 1,
			replaces_line: 1,
			return_id: claim.id,
			net_minor: 0,
			unit_price_minor: 1200
		});
		expect(await reserved()).toBe(before + 1);
		expect(await count(sql`SELECT count(*) AS n FROM refunds WHERE order_id = ${order.id}`)).toBe(
			0
		);
	});

	it('refuses a claim beyond what was shipped minus what is returned or claimed, and writes nothing', async () => {
		const order = await createDeliveredOrder(t.db, { lines: [{ quantity: 3 }] });
		await insertReturn(t.db, order, { lines: [{ orderLine: 1, quantity: 2 }] });
		const res = await file({
			orderId: order.id,
			kind: 'missing_item',
			lines: [{ orderLine: 1, quantity: 2 }],
			resolution: 'refund'
		});
		expect(res.status).toBe(409);
		const problem = await res.json();
		expect(problem.type).toBe('urn:ordo:problem:claim-exceeds-shipped');
		expect(problem.errors['lines.0.quantity'][0]).toMatch(
			/3 shipped, 2 already returned or claimed; at most 1/
		);
		expect(
			await count(
				sql`SELECT count(*) AS n FROM returns WHERE order_id = ${order.id} AND kind = 'claim'`
			)
		).toBe(0);
		expect(await count(sql`SELECT count(*) AS n FROM refunds WHERE order_id = ${order.id}`)).toBe(
			0
		);
	});

	it('takes every shipped unit left for a lost parcel, so a second one finds nothing to claim', async () => {
		const order = await createDeliveredOrder(t.db, { lines: [{ quantity: 1 }] });
		await file({ orderId: order.id, kind: 'lost_parcel', resolution: 'refund' });
		const res = await file({ orderId: order.id, kind: 'lost_parcel', resolution: 'refund' });
		expect(res.status).toBe(422);
		expect((await res.json()).type).toBe('urn:ordo:problem:claim-lines-required');
	});

	it('refuses card numbers in the note, however the groups are separated', async () => {
		const order = await createDeliveredOrder(t.db, { lines: [{ quantity: 1 }] });
		for (const sep of ['\u2007', '\u00a0']) {
			const res = await file({
				orderId: order.id,
				kind: 'damaged',
				lines: [{ orderLine: 1, quantity: 1 }],
				resolution: 'refund',
				note: `Paid with 4111${sep}1111${sep}1111${sep}1111`
			});
			expect(res.status).toBe(422);
			expect(JSON.stringify(await res.json())).toMatch(/Card numbers must not be entered/);
		}
		expect(await count(sql`SELECT count(*) AS n FROM returns WHERE order_id = ${order.id}`)).toBe(
			0
		);
	});

	it('is for people who authorise returns: the warehouse cannot file one', async () => {
		const order = await createDeliveredOrder(t.db, { lines: [{ quantity: 1 }] });
		const res = await file(
			{
				orderId: order.id,
				kind: 'damaged',
				lines: [{ orderLine: 1, quantity: 1 }],
				resolution: 'refund'
			},
			warehouse
		);
		expect(res.status).toBe(403);
		expect(await count(sql`SELECT count(*) AS n FROM returns WHERE order_id = ${order.id}`)).toBe(
			0
		);
	});
});

describe('a lost parcel that comes back', () => {
	it('puts its items in quarantine and never refunds twice', async () => {
		const order = await createDeliveredOrder(t.db, {
			lines: [
				{ quantity: 2, priceMinor: 1000 },
				{ quantity: 1, priceMinor: 700 }
			]
		});
		const claim = await (
			await file({ orderId: order.id, kind: 'lost_parcel', resolution: 'refund' })
		).json();
		expect(claim.refundMinor).toBe(2700);
		const refunds = () =>
			t.db.all(
				sql`SELECT id, amount_minor, status FROM refunds WHERE order_id = ${order.id} ORDER BY id`
			);
		const before = await refunds();
		const back = () =>
			t.request(`/api/claims/${claim.id}/parcel-returned`, {
				method: 'POST',
				session: warehouse,
				json: {}
			});
		const res = await back();
		expect(res.status).toBe(200);
		expect(roundTrips(res).domain).toBe(2);
		expect(await res.json()).toMatchObject({
			unitsReturned: 3,
			refundMinor: 2700,
			status: 'resolved'
		});
		expect(
			await count(
				sql`SELECT count(*) AS n FROM return_units WHERE return_id = ${claim.id} AND disposition IS NULL`
			)
		).toBe(3);
		expect(
			await count(
				sql`SELECT count(*) AS n FROM return_receipts WHERE return_id = ${claim.id} AND expected = 1`
			)
		).toBe(2);
		expect(await refunds()).toEqual(before);
		const again = await back();
		expect(again.status).toBe(409);
		expect((await again.json()).type).toBe('urn:ordo:problem:parcel-already-returned');
		expect(
			await count(sql`SELECT count(*) AS n FROM return_units WHERE return_id = ${claim.id}`)
		).toBe(3);
		expect(await refunds()).toEqual(before);
	});

	it('is only for lost parcels', async () => {
		const order = await createDeliveredOrder(t.db, { lines: [{ quantity: 1 }] });
		const claim = await (
			await file({
				orderId: order.id,
				kind: 'damaged',
				lines: [{ orderLine: 1, quantity: 1 }],
				resolution: 'refund'
			})
		).json();
		const res = await t.request(`/api/claims/${claim.id}/parcel-returned`, {
			method: 'POST',
			session: warehouse,
			json: {}
		});
		expect(res.status).toBe(409);
		expect(
			await count(sql`SELECT count(*) AS n FROM return_units WHERE return_id = ${claim.id}`)
		).toBe(0);
	});
});
