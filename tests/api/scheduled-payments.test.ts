// The scheduled jobs of issue 7 with the sandbox provider over real HTTP: a paid order is
// never lost when its webhook is, unpaid orders give their stock back, a payment that lands
// after the order was cancelled is refunded, and stored events are retried with backoff.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema/audit';
import { orders, timelineEvents } from '../../db/schema/orders';
import { payments, refunds, webhookInbox } from '../../db/schema/payments';
import { stockLevels } from '../../db/schema/inventory';
import { jobCtx } from '../../worker/features/maintenance/run-jobs';
import { expireUnpaidOrders, UNPAID_HOLD_MS } from '../../worker/features/orders/expire-unpaid';
import { paymentProvider, type Provider } from '../../worker/features/payments/configure';
import { receiveWebhook } from '../../worker/features/payments/receive-webhook';
import { readEvent } from '../../worker/features/payments/stripe-wire';
import {
	INBOX_RETRY_BASE_MS,
	RECONCILE_AFTER_MS,
	REFUND_SEND_AFTER_MS,
	reconcilePayments,
	retryWebhooks,
	sendPendingRefunds
} from '../../worker/features/payments/scheduled';
import { TEST_DATA_KEY } from '../support/factories';
import { createPendingOrder } from '../support/orders-factory';
import {
	createPaymentsTestApi,
	pressOnHostedPage,
	type PaymentsTestApi
} from '../support/payments-harness';
import type { Session } from '../support/test-api';

const MINUTE = 60_000;
let t: PaymentsTestApi;
let rep: Session;

beforeAll(async () => {
	t = await createPaymentsTestApi();
	rep = await t.signIn('manager');
});
afterAll(() => t.close());

const ctxAt = (now: number) => jobCtx(t.db, 'test', now, TEST_DATA_KEY);
const provider = () => paymentProvider(t.env);
const orderRow = async (id: string) =>
	(await t.db.select().from(orders).where(eq(orders.id, id)))[0]!;
const paymentOf = async (orderId: string) =>
	(await t.db.select().from(payments).where(eq(payments.orderId, orderId)))[0]!;
const reservedAt = async (o: { productId: string; locationId: string }) =>
	(
		await t.db
			.select({ reserved: stockLevels.reserved })
			.from(stockLevels)
			.where(and(eq(stockLevels.productId, o.productId), eq(stockLevels.locationId, o.locationId)))
	)[0]!.reserved;
const events = (orderId: string) =>
	t.db.select().from(timelineEvents).where(eq(timelineEvents.orderId, orderId));

async function linkFor(orderId: string) {
	const res = await t.request(`/api/orders/${orderId}/payment-link`, {
		method: 'POST',
		session: rep,
		json: {}
	});
	expect(res.status).toBe(201);
	return (await res.json()) as { url: string; expiresAt: number };
}

/** The customer acts on the hosted page while every webhook is lost. */
async function withWebhooksLost(act: () => Promise<unknown>) {
	t.webhooksDown.value = true;
	t.webhooksDown.dropped.length = 0;
	await act();
	await t.sandbox.webhooks.settled();
	t.webhooksDown.value = false;
	return [...new Set(t.webhooksDown.dropped)];
}

describe('lost webhooks (happy)', () => {
	it('a paid order whose webhook never came is found paid by the status read', async () => {
		const order = await createPendingOrder(t.db);
		const link = await linkFor(order.id);
		await withWebhooksLost(() => pressOnHostedPage(link.url, 'pay'));
		expect((await orderRow(order.id)).status).toBe('pending_payment');

		// Too soon: a webhook may still be on its way.
		expect(await reconcilePayments({ ctx: ctxAt(Date.now()), provider: provider() })).toEqual({
			checked: 0,
			applied: 0,
			open: 0,
			failed: 0
		});
		const later = Date.now() + RECONCILE_AFTER_MS;
		const done = await reconcilePayments({ ctx: ctxAt(later), provider: provider() });
		expect(done).toMatchObject({ applied: 1, failed: 0 });
		expect(await orderRow(order.id)).toMatchObject({ status: 'paid', paymentStatus: 'paid' });
		expect((await paymentOf(order.id)).status).toBe('succeeded');
		const paid = (await events(order.id)).find((e) => e.kind === 'order.paid')!;
		expect(paid).toMatchObject({ actorKind: 'system', actorLabel: 'Ordo' });
		const audit = await t.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'payment.reconcile'));
		expect(audit.length).toBeGreaterThan(0);
		// Idempotent: the payment is no longer pending, so the next run reads nothing.
		expect(
			(await reconcilePayments({ ctx: ctxAt(later + MINUTE), provider: provider() })).checked
		).toBe(0);
	});

	it('an abandoned link whose expired event was lost cancels the order and frees its stock', async () => {
		const order = await createPendingOrder(t.db, { quantity: 3 });
		const link = await linkFor(order.id);
		expect(await reservedAt(order)).toBe(3);
		await withWebhooksLost(() => pressOnHostedPage(link.url, 'abandon'));
		await reconcilePayments({ ctx: ctxAt(Date.now() + RECONCILE_AFTER_MS), provider: provider() });
		expect((await orderRow(order.id)).status).toBe('cancelled');
		expect(await reservedAt(order)).toBe(0);
	});

	it('a stored event that failed to apply is retried after its backoff, once', async () => {
		const order = await createPendingOrder(t.db);
		const link = await linkFor(order.id);
		const [body] = await withWebhooksLost(() => pressOnHostedPage(link.url, 'pay'));
		const event = JSON.parse(body!) as { id: string; type: string };
		const receivedAt = Date.now();
		await t.db.insert(webhookInbox).values({
			id: crypto.randomUUID(),
			provider: 'sandbox',
			eventId: event.id,
			type: event.type,
			receivedAt,
			attempts: 1,
			lastError: 'order-changed',
			payload: JSON.parse(body!) as unknown
		});
		// The provider's own retry of the stored event is a no-op: the inbox applies it.
		const early = await retryWebhooks({ ctx: ctxAt(receivedAt + 1000), provider: provider() });
		expect(early.retried).toBe(0);
		const due = receivedAt + INBOX_RETRY_BASE_MS;
		expect(await retryWebhooks({ ctx: ctxAt(due), provider: provider() })).toEqual({
			retried: 1,
			applied: 1,
			failed: 0
		});
		expect((await orderRow(order.id)).status).toBe('paid');
		const [row] = await t.db.select().from(webhookInbox).where(eq(webhookInbox.eventId, event.id));
		expect(row).toMatchObject({ appliedAt: due, attempts: 2 });
		expect((await retryWebhooks({ ctx: ctxAt(due * 2), provider: provider() })).retried).toBe(0);
	});
});

describe('reservation expiry (happy)', () => {
	it('cancels an unpaid order with no link after the hold, by the system, once', async () => {
		const order = await createPendingOrder(t.db, { quantity: 2 });
		const fresh = await expireUnpaidOrders({ ctx: ctxAt(Date.now()) });
		expect(fresh.cancelled).toBe(0);
		const later = Date.now() + UNPAID_HOLD_MS + MINUTE;
		const first = await expireUnpaidOrders({ ctx: ctxAt(later) });
		expect(first.cancelled).toBeGreaterThanOrEqual(1);
		expect(await orderRow(order.id)).toMatchObject({ status: 'cancelled' });
		expect((await orderRow(order.id)).cancelReason).toMatch(/Not paid/);
		expect(await reservedAt(order)).toBe(0);
		const released = await t.db.all<{ n: number }>(
			sql`SELECT SUM(reserved_delta) AS n FROM stock_movements WHERE reference = ${order.number}`
		);
		expect(released[0]!.n).toBe(0);
		const cancelled = (await events(order.id)).find((e) => e.kind === 'order.cancelled')!;
		expect(cancelled).toMatchObject({ actorKind: 'system', actorId: null });
		const audit = await t.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'order.cancel'), eq(auditLog.targetId, order.id)));
		expect(audit).toHaveLength(1);
		expect(audit[0]!.actorType).toBe('system');
		// Idempotent: a second run finds nothing of it to do.
		expect((await expireUnpaidOrders({ ctx: ctxAt(later + MINUTE) })).due).toBe(0);
	});

	it('keeps an old order whose payment link is still open', async () => {
		const order = await createPendingOrder(t.db);
		await linkFor(order.id);
		await t.db
			.update(orders)
			.set({ placedAt: Date.now() - UNPAID_HOLD_MS - MINUTE })
			.where(eq(orders.id, order.id));
		await expireUnpaidOrders({ ctx: ctxAt(Date.now()) });
		expect((await orderRow(order.id)).status).toBe('pending_payment');
	});
});

describe('paid after the order was cancelled (error)', () => {
	it('records the payment, keeps the order cancelled and refunds it in full', async () => {
		const order = await createPendingOrder(t.db, { quantity: 1, unitPriceMinor: 900 });
		const link = await linkFor(order.id);
		// The link's expiry passed and no event came: the job cancels the order.
		const past = link.expiresAt + 16 * MINUTE;
		await expireUnpaidOrders({ ctx: ctxAt(past) });
		expect((await orderRow(order.id)).status).toBe('cancelled');
		// The customer still pays on the page the link opened, and the webhook arrives.
		await pressOnHostedPage(link.url, 'pay');
		await t.sandbox.webhooks.settled();
		expect(await orderRow(order.id)).toMatchObject({ status: 'cancelled', paymentStatus: 'paid' });
		expect(await reservedAt(order)).toBe(0);
		const payment = await paymentOf(order.id);
		expect(payment).toMatchObject({ status: 'succeeded', capturedMinor: 900 });
		const [refund] = await t.db.select().from(refunds).where(eq(refunds.paymentId, payment.id));
		expect(refund).toMatchObject({
			status: 'pending',
			amountMinor: 900,
			idempotencyKey: `late:${payment.id}`
		});
		expect((await events(order.id)).map((e) => e.kind)).toContain('order.paid_after_cancel');

		const sent = await sendPendingRefunds({
			ctx: ctxAt(Date.now() + REFUND_SEND_AFTER_MS),
			provider: provider()
		});
		expect(sent.sent).toBeGreaterThanOrEqual(1);
		expect((await paymentOf(order.id)).status).toBe('refunded');
		expect((await orderRow(order.id)).paymentStatus).toBe('refunded');
	});
});

describe('refunds recorded by a cancellation (happy)', () => {
	it('are sent to the provider by the job, once', async () => {
		const order = await createPendingOrder(t.db, { quantity: 2, unitPriceMinor: 1000 });
		const link = await linkFor(order.id);
		await pressOnHostedPage(link.url, 'pay');
		await t.sandbox.webhooks.settled();
		const cancel = await t.request(`/api/orders/${order.id}/cancel`, {
			method: 'POST',
			session: rep,
			json: { reason: 'customer changed their mind' }
		});
		expect(cancel.status).toBe(200);
		const payment = await paymentOf(order.id);
		expect(
			(await t.db.select().from(refunds).where(eq(refunds.paymentId, payment.id)))[0]!.status
		).toBe('pending');
		const at = Date.now() + REFUND_SEND_AFTER_MS;
		expect((await sendPendingRefunds({ ctx: ctxAt(at), provider: provider() })).sent).toBe(1);
		expect((await paymentOf(order.id)).refundedMinor).toBe(2000);
		expect((await sendPendingRefunds({ ctx: ctxAt(at + MINUTE), provider: provider() })).sent).toBe(
			0
		);
	});
});

describe('an event whose snapshot moved (error)', () => {
	it('is kept unapplied and answered, then applied by the retry job', async () => {
		const order = await createPendingOrder(t.db);
		const link = await linkFor(order.id);
		const [body] = await withWebhooksLost(() => pressOnHostedPage(link.url, 'pay'));
		const payload = JSON.parse(body!) as unknown;
		const event = readEvent(payload)!;
		if (event.kind === 'session') event.session.card = null;
		// A provider whose card lookup (between the snapshot and the batch) races a rep's edit.
		const racing: Provider = {
			...provider(),
			getSession: async (id) => {
				await t.db.run(sql`UPDATE orders SET version = version + 1 WHERE id = ${order.id}`);
				return provider().getSession(id);
			}
		};
		const receipt = await receiveWebhook({
			ctx: ctxAt(Date.now()),
			provider: racing,
			event,
			payload
		});
		expect(receipt.outcome).toBe('kept: applied later (order-changed)');
		expect((await orderRow(order.id)).status).toBe('pending_payment');
		const [row] = await t.db.select().from(webhookInbox).where(eq(webhookInbox.eventId, event.id));
		expect(row).toMatchObject({ appliedAt: null, attempts: 1, lastError: 'order-changed' });
		// The provider's redelivery is now a duplicate: the inbox owns the event.
		const again = await receiveWebhook({
			ctx: ctxAt(Date.now()),
			provider: provider(),
			event,
			payload
		});
		expect(again.duplicate).toBe(true);

		const due = row!.receivedAt + INBOX_RETRY_BASE_MS;
		expect((await retryWebhooks({ ctx: ctxAt(due), provider: provider() })).applied).toBe(1);
		expect(await orderRow(order.id)).toMatchObject({ status: 'paid', paymentStatus: 'paid' });
	});
});
