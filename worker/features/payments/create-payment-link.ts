import { and, eq, inArray, sql } from 'drizzle-orm';
import { orders } from '../../../db/schema/orders';
import { payments } from '../../../db/schema/payments';
import type { Ctx } from '../../core/context';
import { Conflict, NotFound } from '../../core/errors';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import { money } from './decide-webhook';
import { precondition, requestActor, timelineEvent } from './internal';
import type { Provider } from './provider';
import type { CreatePaymentLink, PaymentLink } from './schemas';

/**
 * A hosted checkout for what the order still owes. Reads the order, asks the provider
 * for a session, then records the pending payment with its timeline event and audit
 * entry in one batch guarded by the order's version. The order becomes paid only from a
 * verified event or a status read (receive-webhook.ts, refresh-payment.ts).
 */
export async function createPaymentLink({
	ctx,
	provider,
	orderId,
	origin,
	input
}: {
	ctx: Ctx;
	provider: Provider;
	orderId: string;
	/** Ordo's origin, for the pages the customer returns to (they change nothing). */
	origin: string;
	input: CreatePaymentLink;
}): Promise<PaymentLink> {
	const { db } = ctx;
	const [orderRows, paid] = await db.batch([
		db.select().from(orders).where(eq(orders.id, orderId)),
		db
			.select({
				captured: sql<number>`COALESCE(SUM(${payments.capturedMinor}), 0)`,
				// An exchange's price difference given back also lowered the order's total:
				// counted back, so a later dearer exchange is asked for in full.
				differenceRefunded: sql<number>`(SELECT COALESCE(SUM(amount_minor), 0) FROM refunds
					WHERE order_id = ${orderId} AND kind = 'exchange_difference' AND status <> 'failed')`,
				exchange: sql<number>`EXISTS (SELECT 1 FROM order_lines WHERE order_id = ${orderId}
					AND replaces_line IS NOT NULL)`
			})
			.from(payments)
			.where(
				and(
					eq(payments.orderId, orderId),
					inArray(payments.status, ['succeeded', 'partially_refunded', 'refunded'])
				)
			)
	]);
	const order = orderRows[0];
	if (!order) throw new NotFound('order-not-found', 'No such order');
	if (order.status !== 'pending_payment')
		throw new Conflict(
			'order-not-awaiting-payment',
			'This order is not waiting for payment',
			`Order ${order.number} is ${order.status.replace('_', ' ')}; a payment link is only sent while it awaits payment.`
		);
	const outstanding =
		order.totalMinor - (paid[0]?.captured ?? 0) + (paid[0]?.differenceRefunded ?? 0);
	// A paid order sent back to waiting by a dearer exchange (issue 11): the link is the
	// additional payment for the replacement, and says so.
	const forExchange = Boolean(paid[0]?.exchange) && (paid[0]?.captured ?? 0) > 0;
	if (outstanding <= 0)
		throw new Conflict(
			'nothing-outstanding',
			'Nothing left to pay',
			`Order ${order.number} owes nothing.`
		);
	const expiresAt = ctx.now + input.expiresInMinutes * 60_000;
	const back = `${origin}/orders/${encodeURIComponent(order.id)}`;
	const session = await provider.createCheckoutSession({
		amountMinor: outstanding,
		currency: order.currency,
		orderReference: order.number,
		orderId: order.id,
		successUrl: `${back}?payment=returned`,
		cancelUrl: `${back}?payment=cancelled`,
		expiresAt
	});
	const paymentId = crypto.randomUUID();
	return mutate<PaymentLink>(ctx, {
		status: 201,
		writes: [
			precondition(ctx, 'order', order.id, order.version),
			db.insert(payments).values({
				id: paymentId,
				orderId: order.id,
				provider: provider.name,
				providerRef: session.id,
				amountMinor: outstanding,
				currency: order.currency,
				status: 'pending',
				checkoutUrl: session.url,
				expiresAt: session.expiresAt,
				createdAt: ctx.now,
				updatedAt: ctx.now
			}),
			timelineEvent(ctx, {
				actor: requestActor(ctx),
				entityKind: 'payment',
				entityId: paymentId,
				orderId: order.id,
				customerId: order.customerId,
				kind: 'payment.link_created',
				summary: `Payment link for ${money(outstanding, order.currency)} sent${forExchange ? ': the price difference of an exchange' : ''}`,
				data: {
					provider: provider.name,
					amountMinor: outstanding,
					expiresAt: session.expiresAt,
					forExchange
				}
			}),
			auditEntry(ctx, {
				action: 'payment.link_create',
				target: { type: 'payment', id: paymentId },
				details: {
					orderId: order.id,
					provider: provider.name,
					amountMinor: outstanding,
					sessionId: session.id
				}
			})
		],
		result: sql`SELECT json_object('paymentId', id, 'url', checkout_url, 'expiresAt', expires_at,
			'amountMinor', amount_minor, 'currency', currency) FROM payments WHERE id = ${paymentId}`
	});
}
