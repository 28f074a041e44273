import { sql } from 'drizzle-orm';
import { actorId, type Ctx } from '../../core/context';
import { Conflict } from '../../core/errors';
import { mutate } from '../../core/mutate';
import { expectVersion } from '../../core/preconditions';
import { auditEntry } from '../audit/record';
import { purchaseOrderJson, readPurchaseOrder } from './internal';
import { decideMove, type PurchaseOrderMove } from './lifecycle';
import type { MovePurchaseOrder, PurchaseOrder } from './schemas';

/**
 * Approve, send or cancel (decide, then write). "Sending" records that the order went to
 * the supplier: Ordo has no email provider, so the order is marked `sent` with `sent_at`
 * and a `purchase_order.send` audit entry; the supplier gets it by whatever the shop uses
 * (the page shows the supplier's email address and the lines to copy).
 */
export async function movePurchaseOrder({
	ctx,
	id,
	move,
	input
}: {
	ctx: Ctx;
	id: string;
	move: PurchaseOrderMove;
	input: MovePurchaseOrder;
}): Promise<PurchaseOrder> {
	const po = await readPurchaseOrder(ctx, id);
	if (po.version !== input.expectVersion)
		throw new Conflict(
			'purchase-order-changed',
			'This purchase order changed since you loaded it',
			`You saw version ${input.expectVersion}; it is at version ${po.version} now. Reload it to see what changed.`
		);
	const status = decideMove(po.status, move);
	const stamp =
		move === 'approve'
			? sql`, approved_at = ${ctx.now}, approved_by_id = ${actorId(ctx)}`
			: move === 'send'
				? sql`, sent_at = ${ctx.now}`
				: sql``;
	return mutate<PurchaseOrder>(ctx, {
		writes: [
			expectVersion(ctx, 'purchase_order', id, po.version),
			ctx.db.run(
				sql`UPDATE purchase_orders SET status = ${status}, version = version + 1,
					updated_at = ${ctx.now} ${stamp} WHERE id = ${id}`
			),
			auditEntry(ctx, {
				action: `purchase_order.${move}`,
				target: { type: 'purchase_order', id },
				details: { number: po.number, from: po.status, to: status }
			})
		],
		result: purchaseOrderJson(id)
	});
}
