import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { expectVersion } from '../../core/preconditions';
import { auditEntry } from '../audit/record';
import { release } from '../inventory/ledger';
import { NotFound } from '../../core/errors';
import { checkSeenVersion, orderSnapshot, summaryOf, type OrderRow } from './internal';
import { decideCancel, type LineHolding, type LineValue, type PaymentHolding } from './lifecycle';
import { recordRefundIntent } from './refund-seam';
import type { CancelOrder, OrderSummary } from './schemas';
import { timelineEvent } from './timeline';
import { emitOrderEvent } from '../webhooks/emit';

/**
 * Cancels an order: releases every reservation it still holds and records a refund of
 * what is owed for the units not shipped (lifecycle.ts unshippedOwed; refund-seam.ts), in one batch guarded by the order's version. What an
 * order holds is read from the ledger (movements carry the order number as reference),
 * and any change to its reservations bumps the order's version, so the snapshot is exact.
 */
export async function cancelOrder({
	ctx,
	id,
	input
}: {
	ctx: Ctx;
	id: string;
	input: CancelOrder;
}): Promise<OrderSummary> {
	const [found, holdings, payments, lines] = await ctx.db.batch([
		ctx.db.all<OrderRow>(orderSnapshot(id)),
		ctx.db.all<LineHolding>(
			sql`SELECT l.line, l.product_id AS productId, l.location_id AS locationId,
				COALESCE((SELECT SUM(m.reserved_delta) FROM stock_movements m
					WHERE m.product_id = l.product_id AND m.location_id = l.location_id
					AND m.reference = (SELECT number FROM orders WHERE id = ${id})), 0) AS reserved
				FROM order_lines l
				WHERE l.order_id = ${id} AND l.kind = 'product' AND l.location_id IS NOT NULL
				GROUP BY l.product_id, l.location_id`
		),
		ctx.db.all<PaymentHolding>(
			sql`SELECT p.id AS paymentId, p.captured_minor AS capturedMinor, p.created_at AS createdAt,
				COALESCE((SELECT SUM(amount_minor) FROM refunds r
					WHERE r.payment_id = p.id AND r.status <> 'failed'), 0) AS refundingMinor
				FROM payments p WHERE p.order_id = ${id}`
		),
		ctx.db.all<LineValue>(
			sql`SELECT kind, quantity, quantity_shipped AS quantityShipped, net_minor AS netMinor
				FROM order_lines WHERE order_id = ${id}`
		)
	]);
	const order = found[0];
	if (!order) throw new NotFound('order-not-found', 'No such order', `No order has id ${id}.`);
	checkSeenVersion(order, input.version);
	const decision = decideCancel(order, holdings, payments, lines);
	const reference = order.number;
	const refundMinor = decision.refunds.reduce((n, r) => n + r.amountMinor, 0);
	const kept =
		decision.shippedUnits > 0
			? `; ${decision.shippedUnits} shipped unit${decision.shippedUnits === 1 ? '' : 's'} stay with the customer (start a return for them)`
			: '';
	return mutate<OrderSummary>(ctx, {
		writes: [
			expectVersion(ctx, 'order', id, order.version),
			ctx.db.run(
				sql`UPDATE orders SET status = 'cancelled', held_from = NULL, cancelled_at = ${ctx.now},
					cancel_reason = ${input.reason}, version = version + 1, updated_at = ${ctx.now}
					WHERE id = ${id}`
			),
			...decision.releases.flatMap((r) =>
				release(ctx.db, {
					productId: r.productId,
					locationId: r.locationId,
					quantity: r.reserved,
					reason: 'order cancelled',
					reference,
					actorId: ctx.actor?.kind === 'user' ? ctx.actor.id : null,
					at: ctx.now
				})
			),
			...decision.refunds.map((r) =>
				recordRefundIntent(ctx, {
					paymentId: r.paymentId,
					orderId: id,
					amountMinor: r.amountMinor,
					reason: `Order cancelled: ${input.reason}`,
					idempotencyKey: `cancel:${id}:${r.paymentId}`
				})
			),
			timelineEvent(ctx, {
				entityKind: 'order',
				entityId: id,
				orderId: id,
				customerId: order.customerId,
				kind: 'order.cancelled',
				summary: `Cancelled: ${input.reason}${kept}`,
				data: {
					from: order.status,
					released: decision.releases.reduce((n, r) => n + r.reserved, 0),
					refundMinor,
					shippedUnits: decision.shippedUnits
				}
			}),
			emitOrderEvent(ctx, 'order.cancelled', id, { from: order.status }),
			auditEntry(ctx, {
				action: 'order.cancel',
				target: { type: 'order', id },
				details: { from: order.status, refundMinor, shippedUnits: decision.shippedUnits }
			})
		],
		result: summaryOf(id)
	});
}
