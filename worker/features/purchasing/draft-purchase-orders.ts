import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { actorId, type Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import { summaryJson } from './internal';
import { reorderProposal } from './reorder-proposal';
import type { DraftPurchaseOrders, DraftResult } from './schemas';

/**
 * Drafts one purchase order per supplier from the reorder proposal (decide, then write:
 * the proposal read, then one batch). Numbers come from the `purchase_order_number`
 * counter in the batch (PO-10001…). Products no supplier sells are left out. A second
 * call right after drafts nothing: drafts count as on order.
 */
export async function draftPurchaseOrders({
	ctx,
	input
}: {
	ctx: Ctx;
	input: DraftPurchaseOrders;
}): Promise<DraftResult> {
	const proposal = await reorderProposal({ ctx, locationId: input.locationId });
	const ids: string[] = [];
	const writes: BatchItem<'sqlite'>[] = [];
	for (const group of proposal.groups) {
		if (!group.supplier) continue;
		const id = crypto.randomUUID();
		ids.push(id);
		writes.push(
			ctx.db.run(sql`UPDATE counters SET value = value + 1 WHERE name = 'purchase_order_number'`),
			ctx.db.run(
				sql`INSERT INTO purchase_orders (id, number, supplier_id, location_id, status, currency, version,
					created_by_id, created_at, updated_at)
					VALUES (${id}, 'PO-' || (SELECT value FROM counters WHERE name = 'purchase_order_number'),
					${group.supplier.id}, ${input.locationId}, 'draft', ${group.supplier.currency}, 1,
					${actorId(ctx)}, ${ctx.now}, ${ctx.now})`
			),
			...group.lines.map((l, i) =>
				ctx.db.run(
					sql`INSERT INTO purchase_order_lines (purchase_order_id, line, product_id, supplier_code,
						ordered_qty, unit_cost_minor, received_qty)
						VALUES (${id}, ${i + 1}, ${l.productId}, ${l.supplierCode}, ${l.quantity},
						${l.cost!.newUnitCostMinor}, 0)`
				)
			)
		);
	}
	return mutate<DraftResult>(ctx, {
		status: 201,
		writes: [
			auditEntry(ctx, {
				action: 'purchase_order.draft',
				target: { type: 'location', id: input.locationId },
				details: { purchaseOrderIds: ids }
			}),
			...writes
		],
		result: sql`SELECT json_object('created', (SELECT json_group_array(json(item)) FROM
			(SELECT ${summaryJson} AS item FROM purchase_orders po JOIN suppliers s ON s.id = po.supplier_id
				JOIN locations l ON l.id = po.location_id
				WHERE po.id IN (SELECT value FROM json_each(${JSON.stringify(ids)})) ORDER BY po.number)))`
	});
}
