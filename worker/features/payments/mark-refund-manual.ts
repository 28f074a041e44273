import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import { requestActor } from './internal';
import { refundJson, settle } from './refund-payment';
import type { ManualRefund, Refund } from './schemas';
import { emitEvent } from '../webhooks/emit';

/**
 * The way out of a failed refund: someone returned the money by hand (bank transfer,
 * the provider's dashboard) and records it. Only a failed refund can become manual; the
 * refunds trigger checks the limit again because a manual refund counts. One batch.
 */
export async function markRefundManual({
	ctx,
	refundId,
	input
}: {
	ctx: Ctx;
	refundId: string;
	input: ManualRefund;
}): Promise<Refund> {
	const { db } = ctx;
	const actor = requestActor(ctx);
	const refund = sql`(SELECT payment_id FROM refunds WHERE id = ${refundId})`;
	const amount = sql`(SELECT amount_minor FROM refunds WHERE id = ${refundId})`;
	return mutate<Refund>(ctx, {
		writes: [
			// No target_checks row kind for refunds (migration 0014): a missing one is a 404 payment.
			db.run(sql`INSERT INTO target_checks (target, found)
				SELECT 'payment', EXISTS (SELECT 1 FROM refunds WHERE id = ${refundId})`),
			// Stale or not failed: 409 (a refund that worked, or was already recorded by hand).
			db.run(sql`INSERT INTO preconditions (subject, held)
				SELECT 'payment', EXISTS (SELECT 1 FROM refunds WHERE id = ${refundId} AND status = 'failed')`),
			db.run(
				sql`UPDATE refunds SET status = 'manual', updated_at = ${ctx.now} WHERE id = ${refundId}`
			),
			...settle(ctx, { paymentId: refund, amount }, true, false),
			db.run(sql`INSERT INTO timeline_events (id, at, actor_kind, actor_id, actor_label, entity_kind,
					entity_id, customer_id, order_id, kind, summary, data)
				SELECT ${crypto.randomUUID()}, ${ctx.now}, ${actor.kind}, ${actor.id}, ${actor.label}, 'payment',
					r.payment_id, o.customer_id, r.order_id, 'refund.manual',
					'Refund recorded as done by hand: ' || ${input.note},
					json_object('refundId', r.id, 'amountMinor', r.amount_minor)
				FROM refunds r JOIN orders o ON o.id = r.order_id WHERE r.id = ${refundId}`),
			emitEvent(ctx, {
				type: 'refund.manual',
				entityKind: 'refund',
				entityId: refundId,
				data: sql`(SELECT json_object('refundId', r.id, 'orderId', r.order_id, 'number', o.number,
					'amountMinor', r.amount_minor, 'currency', o.currency, 'status', r.status)
					FROM refunds r JOIN orders o ON o.id = r.order_id WHERE r.id = ${refundId})`
			}),
			auditEntry(ctx, {
				action: 'payment.refund_manual',
				target: { type: 'refund', id: refundId },
				details: { note: input.note }
			})
		],
		result: refundJson(refundId)
	});
}
