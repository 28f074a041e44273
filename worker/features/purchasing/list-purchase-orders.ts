import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { summaryJson } from './internal';
import type { ListPurchaseOrders, PurchaseOrderList } from './schemas';

/** Newest first, one status or all (index purchase_orders_status / the table by rowid). */
export async function listPurchaseOrders({
	ctx,
	input
}: {
	ctx: Ctx;
	input: ListPurchaseOrders;
}): Promise<PurchaseOrderList> {
	const where = input.status ? sql`WHERE po.status = ${input.status}` : sql``;
	const rows = await ctx.db.all<{ body: string }>(
		sql`SELECT json_object('items', (SELECT json_group_array(json(item)) FROM
			(SELECT ${summaryJson} AS item FROM purchase_orders po JOIN suppliers s ON s.id = po.supplier_id
				JOIN locations l ON l.id = po.location_id ${where}
				ORDER BY po.created_at DESC, po.id DESC LIMIT ${input.limit}))) AS body`
	);
	return JSON.parse(rows[0]!.body) as PurchaseOrderList;
}
