import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { cancelOrder } from './cancel-order';

/**
 * How long an order waiting for payment keeps its stock when no payment link is live: a
 * day, the longest a Stripe Checkout link can last, so a rep who takes a phone order and
 * sends the link tomorrow morning still finds the stock set aside.
 */
export const UNPAID_HOLD_MS = 24 * 60 * 60_000;
/**
 * A link past its expiry whose `expired` event never came (and whose status read failed)
 * is given this long before the order is cancelled anyway: the provider expires the
 * session at its time, and a payment that still lands is refunded (decide-webhook.ts).
 */
export const LINK_GRACE_MS = 15 * 60_000;
const PER_RUN = 100;

/**
 * Reservation expiry (a scheduled job, after the payments reconciliation has applied what
 * the provider knows): orders still `pending_payment` with no live link, whose link expired
 * more than LINK_GRACE_MS ago or that were placed more than UNPAID_HOLD_MS ago, are
 * cancelled by the system through the same verb as a rep's cancel: reservations released
 * through the ledger, a timeline event by "Ordo" (system), one audit entry, each order its
 * own batch under its version. Store credit that paid part of an order is no live payment:
 * the order still waits for the rest, and cancelling gives the credit back (as credit).
 * Idempotent: a cancelled order is no longer selected, and
 * one that moved between the read and its batch (paid just now) is a 409 and left alone.
 */
export async function expireUnpaidOrders({
	ctx
}: {
	ctx: Ctx;
}): Promise<{ due: number; cancelled: number; skipped: number }> {
	const linkGone = ctx.now - LINK_GRACE_MS;
	const due = await ctx.db.all<{ id: string; version: number; why: 'link' | 'hold' }>(
		sql`SELECT o.id, o.version,
				CASE WHEN EXISTS (SELECT 1 FROM payments p WHERE p.order_id = o.id
					AND p.provider <> 'store_credit') THEN 'link' ELSE 'hold' END AS why
			FROM orders o
			WHERE o.status = 'pending_payment'
				AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.order_id = o.id
					AND ((p.status IN ('succeeded', 'partially_refunded', 'refunded')
							AND p.provider <> 'store_credit')
						OR (p.status = 'pending' AND p.expires_at > ${linkGone})))
				AND (o.placed_at <= ${ctx.now - UNPAID_HOLD_MS}
					OR EXISTS (SELECT 1 FROM payments p WHERE p.order_id = o.id
						AND p.status IN ('pending', 'expired') AND p.expires_at <= ${linkGone}))
			ORDER BY o.placed_at LIMIT ${PER_RUN}`
	);
	let cancelled = 0;
	for (const order of due) {
		const reason =
			order.why === 'link'
				? 'Not paid: the payment link expired, so the stock is released'
				: 'Not paid within a day and no payment link is open, so the stock is released';
		try {
			await cancelOrder({ ctx, id: order.id, input: { reason, version: order.version } });
			cancelled++;
		} catch {
			// Moved since the read (paid, held, cancelled by a rep): the next run reads it again.
		}
	}
	return { due: due.length, cancelled, skipped: due.length - cancelled };
}
