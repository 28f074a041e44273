import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema/audit';
import { orders, timelineEvents } from '../../db/schema/orders';
import { payments } from '../../db/schema/payments';
import { stockLevels } from '../../db/schema/inventory';
import { createPendingOrder } from '../support/orders-factory';
import {
	createPaymentsTestApi,
	pressOnHostedPage,
	type PaymentsTestApi
} from '../support/payments-harness';
import { roundTrips, type Session } from '../support/test-api';

let t: PaymentsTestApi;
let rep: Session;

beforeAll(async () => {
	t = await createPaymentsTestApi();
	rep = await t.signIn('support');
});
afterAll(() => t.close());

async function sendLink(orderId: string) {
	return t.request(`/api/orders/${orderId}/payment-link`, {
		method: 'POST',
		session: rep,
		json: {}
	});
}

const orderRow = async (id: string) =>
	(await t.db.select().from(orders).where(eq(orders.id, id)))[0]!;

describe('payment link (happy)', () => {
	it('creates a hosted checkout for what the order owes and records it pending, with timeline and audit', async () => {
		const order = await createPendingOrder(t.db, { quantity: 2, unitPriceMinor: 1250 });
		const res = await sendLink(order.id);
		expect(res.status).toBe(201);
		// The order read, then one batch for the payment, its timeline event and audit entry.
		expect(roundTrips(res).domain).toBe(2);
		const link = await res.json();
		expect(link.url.startsWith(`${t.sandboxUrl}/pay/cs_test_`)).toBe(true);
		expect(link.amountMinor).toBe(2500);
		const [payment] = await t.db.select().from(payments).where(eq(payments.orderId, order.id));
		expect(payment).toMatchObject({
			status: 'pending',
			amountMinor: 2500,
			checkoutUrl: link.url,
			provider: 'sandbox'
		});
		const events = await t.db
			.select()
			.from(timelineEvents)
			.where(eq(timelineEvents.orderId, order.id));
		expect(events.map((e) => e.kind)).toEqual(['payment.link_created']);
		const audits = await t.db.select().from(auditLog).where(eq(auditLog.targetId, payment!.id));
		expect(audits.map((a) => a.action)).toEqual(['payment.link_create']);
	});

	it('marks the order paid from the signed webhook after the customer pays, with brand and last 4 only', async () => {
		const order = await createPendingOrder(t.db);
		const link = await (await sendLink(order.id)).json();
		const page = await fetch(link.url);
		expect(page.status).toBe(200);
		expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
		const html = await page.text();
		expect(html).not.toMatch(/name="(card_?number|cvc|cvv|pan|exp)/i);
		const paid = await pressOnHostedPage(link.url, 'pay');
		expect(paid.status).toBe(303);
		await t.sandbox.webhooks.settled();
		const row = await orderRow(order.id);
		expect(row).toMatchObject({ status: 'paid', paymentStatus: 'paid' });
		const [payment] = await t.db.select().from(payments).where(eq(payments.orderId, order.id));
		expect(payment).toMatchObject({
			status: 'succeeded',
			capturedMinor: order.totalMinor,
			cardBrand: 'visa',
			cardLast4: '4242'
		});
		const kinds = (
			await t.db.select().from(timelineEvents).where(eq(timelineEvents.orderId, order.id))
		).map((e) => [e.kind, e.actorKind]);
		expect(kinds).toEqual([
			['payment.link_created', 'user'],
			['payment.succeeded', 'provider'],
			['order.paid', 'provider']
		]);
	});

	it('does not mark the order paid from the return redirect alone', async () => {
		const order = await createPendingOrder(t.db);
		await (await sendLink(order.id)).json();
		// The browser lands on the success URL without any event: nothing to read there.
		const landed = await t.request(`/api/orders/${order.id}/payment/refresh`, {
			method: 'POST',
			session: rep
		});
		expect(landed.status).toBe(200);
		expect((await landed.json()).outcome).toMatch(/not paid yet/);
		expect((await orderRow(order.id)).status).toBe('pending_payment');
	});

	it('applies the provider status read when the webhook has not come (and the late webhook is a no-op)', async () => {
		const order = await createPendingOrder(t.db);
		const link = await (await sendLink(order.id)).json();
		const deliveries = t.sandbox.webhooks.deliveries.length;
		// Hold the webhook back: pay on the page, then read before the event is applied.
		await pressOnHostedPage(link.url, 'pay');
		const read = await t.request(`/api/orders/${order.id}/payment/refresh`, {
			method: 'POST',
			session: rep
		});
		expect(read.status).toBe(200);
		await t.sandbox.webhooks.settled();
		expect(t.sandbox.webhooks.deliveries.length).toBe(deliveries + 1);
		expect(await orderRow(order.id)).toMatchObject({ status: 'paid', paymentStatus: 'paid' });
		const paidEvents = (
			await t.db.select().from(timelineEvents).where(eq(timelineEvents.orderId, order.id))
		).filter((e) => e.kind === 'order.paid');
		expect(paidEvents).toHaveLength(1);
	});

	it('expires the payment, cancels the waiting order and releases its reservation when the customer abandons', async () => {
		const order = await createPendingOrder(t.db, { quantity: 3 });
		const link = await (await sendLink(order.id)).json();
		const level = async () =>
			(await t.db.select().from(stockLevels).where(eq(stockLevels.productId, order.productId)))[0]!;
		expect((await level()).reserved).toBe(3);
		await pressOnHostedPage(link.url, 'abandon');
		await t.sandbox.webhooks.settled();
		expect((await level()).reserved).toBe(0);
		expect(await orderRow(order.id)).toMatchObject({
			status: 'cancelled',
			paymentStatus: 'unpaid'
		});
		const [payment] = await t.db.select().from(payments).where(eq(payments.orderId, order.id));
		expect(payment!.status).toBe('expired');
	});

	it('records a failed payment and leaves the order waiting', async () => {
		const order = await createPendingOrder(t.db);
		const link = await (await sendLink(order.id)).json();
		await pressOnHostedPage(link.url, 'fail');
		await t.sandbox.webhooks.settled();
		const [payment] = await t.db.select().from(payments).where(eq(payments.orderId, order.id));
		expect(payment!.status).toBe('failed');
		expect(payment!.failureReason).toMatch(/failed/);
		expect((await orderRow(order.id)).status).toBe('pending_payment');
	});
});

describe('payment link (error)', () => {
	it('refuses an order that is not waiting for payment, with words', async () => {
		const order = await createPendingOrder(t.db);
		await t.db.update(orders).set({ status: 'cancelled' }).where(eq(orders.id, order.id));
		const res = await sendLink(order.id);
		expect(res.status).toBe(409);
		expect((await res.json()).detail).toMatch(/cancelled/);
		expect(await t.db.select().from(payments).where(eq(payments.orderId, order.id))).toEqual([]);
	});

	it('answers 404 for an unknown order and 503 when the provider is down', async () => {
		expect((await sendLink('no-such-order')).status).toBe(404);
		const order = await createPendingOrder(t.db);
		const saved = t.env.SANDBOX_PAY_URL!;
		t.env.SANDBOX_PAY_URL = 'http://127.0.0.1:9';
		try {
			const res = await sendLink(order.id);
			expect(res.status).toBe(503);
			expect((await res.json()).type).toBe('urn:ordo:problem:payment-provider-unreachable');
		} finally {
			t.env.SANDBOX_PAY_URL = saved;
		}
	});

	it('is not open to warehouse staff', async () => {
		const order = await createPendingOrder(t.db);
		const warehouse = await t.signIn('warehouse');
		const res = await t.request(`/api/orders/${order.id}/payment-link`, {
			method: 'POST',
			session: warehouse,
			json: {}
		});
		expect(res.status).toBe(403);
	});
});
