import { sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { actorId, type Ctx } from '../../core/context';
import { Invalid } from '../../core/errors';
import { mutate } from '../../core/mutate';
import { expectVersion } from '../../core/preconditions';
import { auditEntry } from '../audit/record';
import { receive } from '../inventory/ledger';
import { purchaseOrderJson, readPurchaseOrder } from './internal';
import { decideReceipt } from './lifecycle';
import type { PurchaseOrder, ReceivePurchaseOrder } from './schemas';

/**
 * costs.ts movingAverage() in SQL, run BEFORE the receipt's ledger statements so the on
 * hand it reads (every location of the product) is the stock before this delivery:
 * (avg × on hand + qty × cost) / (on hand + qty), rounded half up (integer division of
 * 2n + d by 2d); no average yet or nothing on hand: the delivery's cost.
 */
function movingAverageSql(productId: string, quantity: number, unitCost: number): SQL {
	// Bound numbers arrive as REAL: cast them, so the division is SQLite's integer one.
	const qty = sql`CAST(${quantity} AS INTEGER)`;
	const cost = sql`CAST(${unitCost} AS INTEGER)`;
	const onHand = sql`(SELECT coalesce(sum(on_hand), 0) FROM stock_levels WHERE product_id = ${productId})`;
	return sql`UPDATE products SET average_cost_minor = CASE
		WHEN average_cost_minor IS NULL OR ${onHand} <= 0 THEN ${cost}
		ELSE (2 * (average_cost_minor * ${onHand} + ${qty} * ${cost}) + (${onHand} + ${qty}))
			/ (2 * (${onHand} + ${qty})) END
		WHERE id = ${productId}`;
}

/**
 * Receives a delivery against a purchase order, from the phone through the outbox
 * (submitWork): Idempotency-Key is REQUIRED, so a retried send applies once. Decide, then
 * write: the order's snapshot, decideReceipt (status, over-receipt), then ONE batch under
 * the order's version: per line the moving average, the ledger's receipt (reference: the
 * PO number), the line's received quantity and the supplier's last price paid; the
 * order's status; one audit entry. The stock_alerts triggers close alerts it cures.
 */
export async function receivePurchaseOrder({
	ctx,
	id,
	input
}: {
	ctx: Ctx;
	id: string;
	input: ReceivePurchaseOrder;
}): Promise<PurchaseOrder> {
	if (!ctx.idempotency)
		throw new Invalid(
			'idempotency-key-required',
			'Send an Idempotency-Key with a receipt',
			'Receipts come from phones that retry: each one needs an Idempotency-Key header so a retry is applied once.'
		);
	const po = await readPurchaseOrder(ctx, id);
	const decision = decideReceipt({
		status: po.status,
		lines: po.lines,
		received: input.lines,
		overReceiptReason: input.overReceiptReason
	});
	const deviceTime = input.receivedAt ? Date.parse(input.receivedAt) : null;
	const byLine = new Map(po.lines.map((l) => [l.line, l]));
	const writes: BatchItem<'sqlite'>[] = [expectVersion(ctx, 'purchase_order', id, po.version)];
	for (const r of input.lines) {
		const line = byLine.get(r.line)!;
		const over = decision.overReceived.includes(r.line);
		writes.push(
			ctx.db.run(movingAverageSql(line.productId, r.quantity, line.unitCostMinor)),
			...receive(ctx.db, {
				productId: line.productId,
				locationId: po.locationId,
				quantity: r.quantity,
				reason: over
					? `${po.number} received (over-receipt: ${input.overReceiptReason})`
					: `${po.number} received`,
				reference: po.number,
				actorId: actorId(ctx),
				deviceTime,
				at: ctx.now
			}),
			ctx.db.run(
				sql`UPDATE purchase_order_lines SET received_qty = received_qty + ${r.quantity}
					WHERE purchase_order_id = ${id} AND line = ${r.line}`
			),
			ctx.db.run(
				sql`UPDATE supplier_items SET last_paid_unit_cost_minor = ${line.unitCostMinor}, updated_at = ${ctx.now}
					WHERE supplier_id = ${po.supplierId} AND product_id = ${line.productId}`
			)
		);
	}
	return mutate<PurchaseOrder>(ctx, {
		writes: [
			...(writes as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]),
			ctx.db.run(
				sql`UPDATE purchase_orders SET status = ${decision.status}, version = version + 1,
					updated_at = ${ctx.now} WHERE id = ${id}`
			),
			auditEntry(ctx, {
				action: 'purchase_order.receive',
				target: { type: 'purchase_order', id },
				details: {
					number: po.number,
					lines: input.lines.map((l) => `${l.line}:${l.quantity}`).join(','),
					status: decision.status,
					overReceived: decision.overReceived.join(',') || undefined,
					overReceiptReason: decision.overReceived.length
						? (input.overReceiptReason ?? undefined)
						: undefined
				}
			})
		],
		result: purchaseOrderJson(id)
	});
}
