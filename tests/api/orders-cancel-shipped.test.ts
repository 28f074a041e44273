import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeliveredOrder, insertReturn } from '../support/returns-factory';
import { createTestApi, type Session, type TestApi } from '../support/test-api';

// Cancelling an order some of whose units already left (issue 11): a partial shipment, or an
// exchange that took a delivered order back to 'paid' for its replacement. The shipped units
// stay with the customer (a return takes them back); only the net paid for the units NOT
// shipped is refunded, never a part already refunded.

let t: TestApi;
let rep: Session;

beforeAll(async () => {
	t = await createTestApi();
	rep = await t.signIn('support');
});
afterAll(() => t.client.close());

const cancel = (id: string) =>
	t.request(`/api/orders/${id}/cancel`, {
		method: 'POST',
		session: rep,
		json: { reason: 'Customer changed their mind' }
	});

const refundsOf = (orderId: string) =>
	t.db.all<{ amount_minor: number; kind: string }>(
		sql`SELECT amount_minor, kind FROM refunds WHERE order_id = ${orderId} ORDER BY created_at, kind`
	);

/** The factory ships every line; this takes a line back to "not shipped yet". */
async function unship(orderId: string, line: number, status: 'paid' | 'allocated') {
	await t.db.batch([
		t.db.run(
			sql`UPDATE order_lines SET quantity_shipped = 0 WHERE order_id = ${orderId} AND line = ${line}`
		),
		t.db.run(
			sql`UPDATE orders SET status = ${status}, fulfilment_status = 'partial' WHERE id = ${orderId}`
		)
	]);
}

describe('cancel after some units shipped', () => {
	it('after an exchange: refunds the replacement only, not the line the customer kept', async () => {
		// Line 1 (10.00) exchanged for the same item; line 2 (20.00) delivered and kept.
		const order = await createDeliveredOrder(t.db, {
			lines: [
				{ quantity: 1, priceMinor: 1000 },
				{ quantity: 1, priceMinor: 2000 }
			]
		});
		const ret = await insertReturn(t.db, order, {
			lines: [{ orderLine: 1, quantity: 1, status: 'received' }]
		});
		await t.db.run(
			sql`UPDATE return_lines SET decision = ${JSON.stringify({
				eligible: true,
				outcomes: ['refund', 'exchange'],
				waitsForInspection: { exchange: false }
			})} WHERE return_id = ${ret.id}`
		);
		const resolved = await t.request(`/api/returns/${ret.id}/resolve`, {
			method: 'POST',
			session: rep,
			json: { lines: [{ line: 1, outcome: 'exchange' }] }
		});
		expect(resolved.status).toBe(200);
		const res = await cancel(order.id);
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ status: 'cancelled' });
		// Before the fix: 3000 (everything captured), the kept 20.00 item for free.
		expect(await refundsOf(order.id)).toEqual([{ amount_minor: 1000, kind: 'cancellation' }]);
		const [event] = await t.db.all<{ summary: string }>(
			sql`SELECT summary FROM timeline_events WHERE order_id = ${order.id} AND kind = 'order.cancelled'`
		);
		expect(event!.summary).toContain('2 shipped units stay with the customer');
	});

	it('a partly shipped order refunds the unshipped units’ net, keeps the shipping', async () => {
		// 3 × 10.00 with 3.00 off (9.00 net a unit), 1 shipped; 5.00 shipping.
		const order = await createDeliveredOrder(t.db, {
			lines: [{ quantity: 3, priceMinor: 1000, discountMinor: 300, shipped: 1 }],
			shippingMinor: 500,
			deliveredAt: null
		});
		await t.db.run(
			sql`UPDATE orders SET status = 'allocated', fulfilment_status = 'partial' WHERE id = ${order.id}`
		);
		const res = await cancel(order.id);
		expect(res.status).toBe(200);
		expect(await refundsOf(order.id)).toEqual([{ amount_minor: 1800, kind: 'cancellation' }]);
	});

	it('never refunds twice: a part already refunded caps what the cancellation asks', async () => {
		const order = await createDeliveredOrder(t.db, {
			lines: [
				{ quantity: 1, priceMinor: 1000 },
				{ quantity: 1, priceMinor: 2000 }
			],
			paymentsMinor: [1000, 2000]
		});
		await unship(order.id, 2, 'allocated');
		// A goodwill refund of 25.00 spread over both payments earlier: 5.00 is left.
		await t.db.run(sql`INSERT INTO refunds (id, payment_id, order_id, amount_minor, reason, kind,
			status, idempotency_key, created_at, updated_at)
			VALUES (${crypto.randomUUID()}, ${order.paymentIds[1]}, ${order.id}, 2000, 'goodwill', 'goodwill',
				'succeeded', ${crypto.randomUUID()}, 1, 1),
			(${crypto.randomUUID()}, ${order.paymentIds[0]}, ${order.id}, 500, 'goodwill', 'goodwill',
				'succeeded', ${crypto.randomUUID()}, 2, 2)`);
		const res = await cancel(order.id);
		expect(res.status).toBe(200);
		const cancellation = (await refundsOf(order.id)).filter((r) => r.kind === 'cancellation');
		expect(cancellation).toEqual([{ amount_minor: 500, kind: 'cancellation' }]);
	});

	it('nothing shipped: everything captured goes back, shipping included (unchanged)', async () => {
		const order = await createDeliveredOrder(t.db, {
			lines: [{ quantity: 2, priceMinor: 1000 }],
			shippingMinor: 500
		});
		await unship(order.id, 1, 'paid');
		expect((await cancel(order.id)).status).toBe(200);
		expect(await refundsOf(order.id)).toEqual([{ amount_minor: 2500, kind: 'cancellation' }]);
	});
});
