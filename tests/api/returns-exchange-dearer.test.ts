import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProduct, receiveStock } from '../support/factories';
import {
	createPaymentsTestApi,
	pressOnHostedPage,
	type PaymentsTestApi
} from '../support/payments-harness';
import { createDeliveredOrder, insertReturn } from '../support/returns-factory';
import type { Session } from '../support/test-api';

// An exchange where the customer owes more (issue 11): the replacement goes on the original
// order, reserved, and the order waits for the difference; the payment link (the hosted page
// phone orders use) asks for exactly that, and the sandbox provider's webhook takes the order
// to paid so the warehouse picks the replacement only then.

let t: PaymentsTestApi;
let rep: Session;

beforeAll(async () => {
	t = await createPaymentsTestApi();
	rep = await t.signIn('support');
});
afterAll(() => t.close());

const exchangeable = {
	eligible: true,
	outcomes: ['refund', 'store_credit', 'exchange'],
	waitsForInspection: { refund: true, store_credit: false, exchange: false }
};

/** A delivered 10.00 item, its return received, and a 15.00 product in stock beside it. */
async function setup() {
	const order = await createDeliveredOrder(t.db, { lines: [{ quantity: 1, priceMinor: 1000 }] });
	const ret = await insertReturn(t.db, order, {
		lines: [{ orderLine: 1, quantity: 1, status: 'received' }]
	});
	await t.db.run(sql`UPDATE return_lines SET decision = ${JSON.stringify(exchangeable)}
		WHERE return_id = ${ret.id} AND line = 1`);
	const dearer = await createProduct(t.db, { priceMinor: 1500 });
	await receiveStock(t.db, { productId: dearer.id, locationId: order.locationId, onHand: 3 });
	return { order, ret, dearer };
}

const resolveDearer = (returnId: string, sku: string) =>
	t.request(`/api/returns/${returnId}/resolve`, {
		method: 'POST',
		session: rep,
		json: { lines: [{ line: 1, outcome: 'exchange', exchange: { sku } }] }
	});

const sendLink = (orderId: string) =>
	t.request(`/api/orders/${orderId}/payment-link`, { method: 'POST', session: rep, json: {} });

const orderRow = async (id: string) =>
	(
		await t.db.all<{ status: string; payment_status: string; total_minor: number }>(
			sql`SELECT status, payment_status, total_minor FROM orders WHERE id = ${id}`
		)
	)[0]!;

const reserved = async (productId: string, locationId: string) =>
	(
		await t.db.all<{ reserved: number }>(
			sql`SELECT reserved FROM stock_levels WHERE product_id = ${productId} AND location_id = ${locationId}`
		)
	)[0]?.reserved ?? 0;

describe('exchange for a dearer item (happy)', () => {
	it('reserves the replacement, the order waits for the difference, the customer is told', async () => {
		const { order, ret, dearer } = await setup();
		const res = await resolveDearer(ret.id, dearer.sku);
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body.lines[0]).toMatchObject({ outcome: 'exchange', replacementOrderLine: 2 });
		expect(body.refunds).toEqual([]);
		expect(body.notifications).toEqual([
			expect.objectContaining({ template: 'exchange.payment_due' })
		]);
		expect(await orderRow(order.id)).toEqual({
			status: 'pending_payment',
			payment_status: 'unpaid',
			total_minor: 1500
		});
		expect(await reserved(dearer.id, order.locationId)).toBe(1);
		const [event] = await t.db.all<{ summary: string }>(
			sql`SELECT summary FROM timeline_events WHERE order_id = ${order.id} AND kind = 'order.exchange'`
		);
		expect(event!.summary).toContain('waits for GBP 5.00 more by payment link');
	});

	it('the payment link asks for the difference; the webhook takes the order to paid', async () => {
		const { order, ret, dearer } = await setup();
		expect((await resolveDearer(ret.id, dearer.sku)).status).toBe(200);
		const res = await sendLink(order.id);
		expect(res.status).toBe(201);
		const link = await res.json();
		expect(link.amountMinor).toBe(500);
		const [created] = await t.db.all<{ summary: string }>(
			sql`SELECT summary FROM timeline_events WHERE order_id = ${order.id} AND kind = 'payment.link_created'`
		);
		expect(created!.summary).toContain('the price difference of an exchange');
		expect((await pressOnHostedPage(link.url, 'pay')).status).toBe(303);
		await t.sandbox.webhooks.settled();
		expect(await orderRow(order.id)).toMatchObject({ status: 'paid', payment_status: 'paid' });
		const captured = await t.db.all<{ provider: string; captured_minor: number }>(
			sql`SELECT provider, captured_minor FROM payments WHERE order_id = ${order.id} ORDER BY created_at`
		);
		expect(captured.map((p) => p.captured_minor)).toEqual([1000, 500]);
		// Paid in full now: no second link.
		expect((await sendLink(order.id)).status).toBe(409);
	});

	it('an expired link leaves the order waiting with its replacement reserved', async () => {
		const { order, ret, dearer } = await setup();
		expect((await resolveDearer(ret.id, dearer.sku)).status).toBe(200);
		const link = await (await sendLink(order.id)).json();
		await pressOnHostedPage(link.url, 'abandon');
		await t.sandbox.webhooks.settled();
		expect((await orderRow(order.id)).status).toBe('pending_payment');
		expect(await reserved(dearer.id, order.locationId)).toBe(1);
		// The rep sends another, for the same difference.
		expect((await (await sendLink(order.id)).json()).amountMinor).toBe(500);
	});
});

describe('exchange for a dearer item (errors)', () => {
	it('an order still being worked on cannot wait for a payment: 409 in words, nothing written', async () => {
		const { order, ret, dearer } = await setup();
		await t.db.run(sql`UPDATE orders SET status = 'allocated' WHERE id = ${order.id}`);
		const res = await resolveDearer(ret.id, dearer.sku);
		expect(res.status).toBe(409);
		expect((await res.json()).detail).toContain('costs GBP 5.00 more');
		expect(await reserved(dearer.id, order.locationId)).toBe(0);
	});
});
