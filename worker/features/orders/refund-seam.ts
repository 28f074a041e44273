import { refunds, type RefundKind } from '../../../db/schema/payments';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Ctx } from '../../core/context';

// THE SEAM between orders and payments. Orders never talk to a payment provider: a
// cancellation or a return's resolution records its refund INTENT as a `refunds` row in status
// 'pending', in the same batch as the cancellation. The payments feature's refundPayment
// sends pending refunds to the provider (right after the batch, and again from the
// scheduled handler until they settle), with the row's idempotency_key as the provider's
// Idempotency-Key, then marks them succeeded or failed (failed: payments.refund_failed on
// the order, visible, with a manual-refund path) and moves payments.refunded_minor and
// orders.payment_status. The trigger refunds_within_captured refuses an intent that would
// take refunds above what was captured, failing the cancellation's batch whole.

export type RefundIntent = {
	paymentId: string;
	orderId: string;
	amountMinor: number;
	reason: string;
	/** Stable for the cause, so the same cancellation can never ask twice. */
	idempotencyKey: string;
	/** Why the money goes back (default 'cancellation'); a return's refunds name it. */
	kind?: RefundKind;
	returnId?: string | null;
	/** Goodwill above the approval threshold: the manager who approved it. */
	approvedById?: string | null;
};

export function recordRefundIntent(ctx: Ctx, intent: RefundIntent): BatchItem<'sqlite'> {
	return ctx.db.insert(refunds).values({
		id: crypto.randomUUID(),
		paymentId: intent.paymentId,
		orderId: intent.orderId,
		amountMinor: intent.amountMinor,
		reason: intent.reason,
		kind: intent.kind ?? 'cancellation',
		returnId: intent.returnId ?? null,
		approvedById: intent.approvedById ?? null,
		status: 'pending',
		idempotencyKey: intent.idempotencyKey,
		requestedByKind: ctx.actor?.kind ?? 'system',
		requestedById: ctx.actor?.id ?? null,
		createdAt: ctx.now,
		updatedAt: ctx.now
	});
}
