import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema/audit';
import { orders, timelineEvents } from '../../db/schema/orders';
import { payments, refunds } from '../../db/schema/payments';
import { createPendingOrder } from '../support/orders-factory';
import {
	createPaymentsTestApi,
	pressOnHostedPage,
	type PaymentsTestApi
} from '../support/payments-harness';
import { roundTrips, type Session } from '../support/test-api';

let t: PaymentsTestApi;
let rep: Session;
let manager: Session;

beforeAll(async () => {
	t = await createPaymentsTestApi();
	rep = await t.signIn('support');
	manager = await t.signIn('manager');
});
afterAll(() => t.close());

/** An order paid on the hosted page with the given test card. */
async function paidOrder(card = 'visa') {
	const order = await createPendingOrder(t.db, { quantity: 2, unitPriceMinor: 1000 });
	const link = await (
		await t.request(`/api/orders/${order.id}/payment-link`, {
			method: 'POST',
			session: rep,
			json: {}
		})
	).json();
	await pressOnHostedPage(link.url, 'pay', card);
	await t.sandbox.webhooks.settled();
	return order;
}

function refund(orderId: string, amountMinor: number, key?: string) {
	return t.request(`/api/orders/${orderId}/refunds`, {
		method: 'POST',
		session: manager,
		json: { amountMinor, reason: 'damaged in transit' },
		headers: key ? { 'idempotency-key': key } : {}
	});
}

const paymentOf = async (orderId: string) =>
	(await t.db.select().from(payments).where(eq(payments.orderId, orderId)))[0]!;
const orderRow = async (id: string) =>
	(await t.db.select().from(orders).where(eq(orders.id, id)))[0]!;

describe('refunds (happy)', () => {
	it('refunds part, then the rest, moving the payment and the order', async () => {
		const order = await paidOrder();
		const first = await refund(order.id, 500);
		expect(first.status).toBe(201);
		expect(await first.json()).toMatchObject({ status: 'succeeded', amountMinor: 500 });
		expect(await paymentOf(order.id)).toMatchObject({
			refundedMinor: 500,
			status: 'partially_refunded'
		});
		expect((await orderRow(order.id)).paymentStatus).toBe('partially_refunded');
		const rest = await refund(order.id, 1500);
		expect(rest.status).toBe(201);
		expect(await paymentOf(order.id)).toMatchObject({ refundedMinor: 2000, status: 'refunded' });
		expect((await orderRow(order.id)).paymentStatus).toBe('refunded');
		// The provider's refund.updated / charge.refunded events that follow change nothing more.
		await t.sandbox.webhooks.settled();
		expect((await paymentOf(order.id)).refundedMinor).toBe(2000);
		const paymentId = (await paymentOf(order.id)).id;
		const audits = await t.db.select().from(auditLog).where(eq(auditLog.targetId, paymentId));
		expect(audits.filter((a) => a.action === 'payment.refund')).toHaveLength(2);
	});

	it('is the same refund when retried with the same Idempotency-Key', async () => {
		const order = await paidOrder();
		const first = await refund(order.id, 700, 'refund-retry-1');
		const again = await refund(order.id, 700, 'refund-retry-1');
		expect(again.status).toBe(201);
		expect(again.headers.get('idempotent-replayed')).toBe('true');
		expect((await again.json()).id).toBe((await first.json()).id);
		expect(await t.db.select().from(refunds).where(eq(refunds.orderId, order.id))).toHaveLength(1);
		expect((await paymentOf(order.id)).refundedMinor).toBe(700);
		expect(
			[...t.sandbox.state.refunds.values()].filter((r) => r.amount === 700).length
		).toBeGreaterThanOrEqual(1);
	});
});

describe('refunds (error)', () => {
	it('refuses more than captured minus refunded with 409 in words, and changes nothing', async () => {
		const order = await paidOrder();
		await refund(order.id, 1500);
		const before = t.sandbox.state.refunds.size;
		const over = await refund(order.id, 501);
		expect(over.status).toBe(409);
		const problem = await over.json();
		expect(problem.type).toBe('urn:ordo:problem:refund-exceeds-captured');
		expect(problem.detail).toMatch(/more than the customer paid/);
		expect(await t.db.select().from(refunds).where(eq(refunds.orderId, order.id))).toHaveLength(1);
		expect((await paymentOf(order.id)).refundedMinor).toBe(1500);
		expect(t.sandbox.state.refunds.size).toBe(before);
	});

	it('refuses an order with nothing captured', async () => {
		const order = await createPendingOrder(t.db);
		const res = await refund(order.id, 100);
		expect(res.status).toBe(409);
		expect((await res.json()).type).toBe('urn:ordo:problem:nothing-to-refund');
		expect((await refund('no-such-order', 100)).status).toBe(404);
	});

	it('leaves a refund the provider refuses failed, with the reason, and lets a manager record it done by hand', async () => {
		const order = await paidOrder('mastercard_refunds_fail');
		const res = await refund(order.id, 800);
		expect(res.status).toBe(201);
		const failed = await res.json();
		expect(failed).toMatchObject({ status: 'failed', failureReason: 'expired_or_canceled_card' });
		expect((await orderRow(order.id)).paymentStatus).toBe('refund_failed');
		expect((await paymentOf(order.id)).refundedMinor).toBe(0);
		const timeline = await t.db
			.select()
			.from(timelineEvents)
			.where(eq(timelineEvents.orderId, order.id));
		expect(timeline.at(-1)!.summary).toMatch(/failed: expired_or_canceled_card/);

		const manual = await t.request(`/api/refunds/${failed.id}/manual`, {
			method: 'POST',
			session: manager,
			json: { note: 'Bank transfer to the customer, ref BT-2291' }
		});
		expect(manual.status).toBe(200);
		expect(roundTrips(manual).domain).toBe(1);
		expect((await manual.json()).status).toBe('manual');
		expect(await paymentOf(order.id)).toMatchObject({
			refundedMinor: 800,
			status: 'partially_refunded'
		});
		expect((await orderRow(order.id)).paymentStatus).toBe('partially_refunded');
		const again = await t.request(`/api/refunds/${failed.id}/manual`, {
			method: 'POST',
			session: manager,
			json: { note: 'twice' }
		});
		expect(again.status).toBe(409);
	});

	it('is for reps and managers: warehouse staff are refused', async () => {
		const order = await paidOrder();
		const res = await t.request(`/api/orders/${order.id}/refunds`, {
			method: 'POST',
			session: await t.signIn('warehouse'),
			json: { amountMinor: 100, reason: 'x' }
		});
		expect(res.status).toBe(403);
		expect(await t.db.select().from(refunds).where(eq(refunds.orderId, order.id))).toEqual([]);
	});
});
