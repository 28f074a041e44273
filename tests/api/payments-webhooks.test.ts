import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders } from '../../db/schema/orders';
import { payments, refunds, webhookInbox } from '../../db/schema/payments';
import { stockLevels } from '../../db/schema/inventory';
import { eventEnvelope } from '../../scripts/sandbox-pay/webhooks';
import { signPayload } from '../../worker/features/payments/stripe-signature';
import { createPendingOrder } from '../support/orders-factory';
import {
	createPaymentsTestApi,
	WEBHOOK_PATH,
	WEBHOOK_SECRET,
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

/** An order with a pending checkout, and the session as the provider holds it. */
async function pendingCheckout(quantity = 2) {
	const order = await createPendingOrder(t.db, { quantity });
	const res = await t.request(`/api/orders/${order.id}/payment-link`, {
		method: 'POST',
		session: rep,
		json: {}
	});
	const link = await res.json();
	const sessionId = new URL(link.url).pathname.split('/').at(-1)!;
	const session = t.sandbox.state.sessions.get(sessionId)!;
	return { order, session };
}

// Every checkout here shares one payment intent id on purpose: a refund event must settle
// the payment its refund belongs to, not the first payment with a matching intent.
function completed(session: { id: string; amount_total: number; currency: string }) {
	return {
		...session,
		status: 'complete',
		payment_status: 'paid',
		payment_intent: 'pi_test_1'
	};
}

async function deliver(
	event: unknown,
	{ at = Date.now(), secret = WEBHOOK_SECRET, body = JSON.stringify(event) } = {}
) {
	const signature = await signPayload(secret, body, at);
	return t.request(WEBHOOK_PATH, {
		method: 'POST',
		body,
		headers: { 'content-type': 'application/json', 'stripe-signature': signature }
	});
}

const orderRow = async (id: string) =>
	(await t.db.select().from(orders).where(eq(orders.id, id)))[0]!;
const paymentOf = async (orderId: string) =>
	(await t.db.select().from(payments).where(eq(payments.orderId, orderId)))[0]!;

describe('webhooks (happy)', () => {
	it('stores a verified event once and applies it in the same request, in one domain round trip for the write', async () => {
		const { order, session } = await pendingCheckout();
		const event = eventEnvelope('checkout.session.completed', completed(session), Date.now());
		const res = await deliver(event);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ received: true, duplicate: false, outcome: 'applied' });
		// The snapshot read, then the one batch that stores and applies.
		expect(roundTrips(res).domain).toBeLessThanOrEqual(2);
		const [stored] = await t.db
			.select()
			.from(webhookInbox)
			.where(eq(webhookInbox.eventId, event.id));
		expect(stored!.appliedAt).not.toBeNull();
		expect(await orderRow(order.id)).toMatchObject({ status: 'paid', paymentStatus: 'paid' });
	});

	it('answers a replayed event id with 200 and changes nothing', async () => {
		const { order, session } = await pendingCheckout();
		const event = eventEnvelope('checkout.session.completed', completed(session), Date.now());
		expect((await deliver(event)).status).toBe(200);
		const version = (await orderRow(order.id)).version;
		const again = await deliver(event);
		expect(again.status).toBe(200);
		expect((await again.json()).duplicate).toBe(true);
		expect((await orderRow(order.id)).version).toBe(version);
		expect(
			await t.db.select().from(webhookInbox).where(eq(webhookInbox.eventId, event.id))
		).toHaveLength(1);
	});

	it('ignores a late expired after completed (out of order): the order stays paid, nothing is released twice', async () => {
		const { order, session } = await pendingCheckout(3);
		await deliver(eventEnvelope('checkout.session.completed', completed(session), Date.now()));
		const late = await deliver(
			eventEnvelope('checkout.session.expired', { ...session, status: 'expired' }, Date.now())
		);
		expect(late.status).toBe(200);
		expect((await late.json()).outcome).toMatch(/already succeeded/);
		expect(await orderRow(order.id)).toMatchObject({ status: 'paid', paymentStatus: 'paid' });
		expect((await paymentOf(order.id)).status).toBe('succeeded');
		const [level] = await t.db
			.select()
			.from(stockLevels)
			.where(eq(stockLevels.productId, order.productId));
		expect(level!.reserved).toBe(3);
	});

	it('answers 200 to an event type it does not act on, and keeps it', async () => {
		const event = eventEnvelope(
			'customer.created',
			{ id: 'cus_1', object: 'customer' },
			Date.now()
		);
		const res = await deliver(event);
		expect(res.status).toBe(200);
		expect((await res.json()).outcome).toMatch(/does not act on customer.created/);
		const [stored] = await t.db
			.select()
			.from(webhookInbox)
			.where(eq(webhookInbox.eventId, event.id));
		expect(stored!.type).toBe('customer.created');
	});

	it('retries a delivery Ordo refused, with backoff, until it is accepted', async () => {
		const { order, session } = await pendingCheckout();
		const saved = t.env.SANDBOX_PAY_WEBHOOK_SECRET!;
		t.env.SANDBOX_PAY_WEBHOOK_SECRET = 'whsec_rotated_not_yet';
		t.sandbox.webhooks.emit('checkout.session.completed', completed(session));
		// Ordo refuses (400) until the secrets agree again: wait for a refused attempt.
		const delivery = t.sandbox.webhooks.deliveries.at(-1)!;
		while (delivery.status !== 400) await new Promise((resolve) => setTimeout(resolve, 1));
		t.env.SANDBOX_PAY_WEBHOOK_SECRET = saved;
		await t.sandbox.webhooks.settled();
		expect(delivery.delivered).toBe(true);
		expect(delivery.attempts).toBeGreaterThan(1);
		expect((await orderRow(order.id)).status).toBe('paid');
	});
});

describe('refund events (happy)', () => {
	it('settles a refund the provider reported pending when refund.updated says it succeeded, once', async () => {
		const { order, session } = await pendingCheckout();
		await deliver(eventEnvelope('checkout.session.completed', completed(session), Date.now()));
		const payment = await paymentOf(order.id);
		const refundId = crypto.randomUUID();
		await t.db.insert(refunds).values({
			id: refundId,
			paymentId: payment.id,
			orderId: order.id,
			amountMinor: 300,
			reason: 'late parcel',
			status: 'pending',
			providerRef: `re_${refundId}`,
			idempotencyKey: refundId
		});
		const refund = {
			id: `re_${refundId}`,
			object: 'refund',
			amount: 300,
			payment_intent: payment.paymentIntentRef,
			status: 'succeeded'
		};
		const first = await deliver(eventEnvelope('refund.updated', refund, Date.now()));
		expect((await first.json()).outcome).toBe('applied');
		// The same news in another event (charge.refunded lists the refund): nothing more.
		const charge = {
			id: 'ch_1',
			object: 'charge',
			payment_intent: payment.paymentIntentRef,
			refunds: { data: [refund] }
		};
		const second = await deliver(eventEnvelope('charge.refunded', charge, Date.now()));
		expect((await second.json()).outcome).toMatch(/no pending refund/);
		expect(await paymentOf(order.id)).toMatchObject({
			refundedMinor: 300,
			status: 'partially_refunded'
		});
		expect((await orderRow(order.id)).paymentStatus).toBe('partially_refunded');
		const [row] = await t.db.select().from(refunds).where(eq(refunds.id, refundId));
		expect(row!.status).toBe('succeeded');
	});
});

describe('webhooks (security)', () => {
	it('refuses a forged signature with 400 and stores nothing', async () => {
		const { order, session } = await pendingCheckout();
		const event = eventEnvelope('checkout.session.completed', completed(session), Date.now());
		const res = await deliver(event, { secret: 'whsec_attacker' });
		expect(res.status).toBe(400);
		expect((await res.json()).detail).toMatch(/signature does not match/);
		expect(
			await t.db.select().from(webhookInbox).where(eq(webhookInbox.eventId, event.id))
		).toEqual([]);
		expect((await orderRow(order.id)).status).toBe('pending_payment');
	});

	it('refuses a body changed after signing', async () => {
		const { order, session } = await pendingCheckout();
		const event = eventEnvelope('checkout.session.completed', completed(session), Date.now());
		const at = Date.now();
		const signature = await signPayload(WEBHOOK_SECRET, JSON.stringify(event), at);
		const tampered = JSON.stringify({
			...event,
			data: { object: { ...completed(session), amount_total: 1 } }
		});
		const res = await t.request(WEBHOOK_PATH, {
			method: 'POST',
			body: tampered,
			headers: { 'content-type': 'application/json', 'stripe-signature': signature }
		});
		expect(res.status).toBe(400);
		expect((await orderRow(order.id)).status).toBe('pending_payment');
	});

	it('refuses a stale timestamp (a replay) and a future one', async () => {
		const { session } = await pendingCheckout();
		const event = eventEnvelope('checkout.session.completed', completed(session), Date.now());
		const stale = await deliver(event, { at: Date.now() - 301_000 });
		expect(stale.status).toBe(400);
		expect((await stale.json()).detail).toMatch(/too old/);
		const future = await deliver(event, { at: Date.now() + 301_000 });
		expect(future.status).toBe(400);
		expect((await future.json()).detail).toMatch(/future/);
		expect(
			await t.db.select().from(webhookInbox).where(eq(webhookInbox.eventId, event.id))
		).toEqual([]);
	});

	it('refuses a missing signature and a provider Ordo does not use', async () => {
		const res = await t.request(WEBHOOK_PATH, {
			method: 'POST',
			json: { id: 'evt_1', object: 'event' }
		});
		expect(res.status).toBe(400);
		const stripe = await t.request('/api/payments/webhooks/stripe', { method: 'POST', json: {} });
		expect(stripe.status).toBe(404);
	});
});
