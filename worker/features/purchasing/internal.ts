import { sql, type SQL } from 'drizzle-orm';
import type { PurchaseOrderStatus } from '../../../db/schema/purchasing';
import type { Ctx } from '../../core/context';
import { NotFound } from '../../core/errors';
import { isoTime } from '../users/internal';

// Shared lookups of the purchasing feature.

/** A purchase order as mutations answer it: one JSON value from SQL (stored for replays). */
export function purchaseOrderJson(id: string | SQL): SQL {
	return sql`SELECT json_object(
		'id', po.id, 'number', po.number, 'status', po.status, 'version', po.version,
		'supplier', json_object('id', s.id, 'name', s.name, 'email', s.email, 'leadTimeDays', s.lead_time_days),
		'locationId', po.location_id, 'locationCode', l.code, 'currency', po.currency,
		'totalMinor', (SELECT coalesce(sum(ordered_qty * unit_cost_minor), 0) FROM purchase_order_lines WHERE purchase_order_id = po.id),
		'createdAt', ${isoTime(sql`po.created_at`)}, 'approvedAt', ${isoTime(sql`po.approved_at`)},
		'sentAt', ${isoTime(sql`po.sent_at`)},
		'lines', (SELECT json_group_array(json_object(
			'line', pl.line, 'productId', pl.product_id, 'sku', p.sku, 'name', p.name, 'barcode', p.barcode,
			'supplierCode', pl.supplier_code, 'orderedQty', pl.ordered_qty, 'receivedQty', pl.received_qty,
			'unitCostMinor', pl.unit_cost_minor, 'lastPaidUnitCostMinor', si.last_paid_unit_cost_minor,
			'averageCostMinor', p.average_cost_minor, 'priceMinor', p.price_minor))
			FROM (SELECT * FROM purchase_order_lines WHERE purchase_order_id = po.id ORDER BY line) pl
			JOIN products p ON p.id = pl.product_id
			LEFT JOIN supplier_items si ON si.supplier_id = po.supplier_id AND si.product_id = pl.product_id)) AS body
		FROM purchase_orders po JOIN suppliers s ON s.id = po.supplier_id JOIN locations l ON l.id = po.location_id
		WHERE po.id = ${id}`;
}

/** One row of a purchase-order list, as JSON. */
export const summaryJson = sql`json_object('id', po.id, 'number', po.number, 'status', po.status,
	'version', po.version, 'supplierName', s.name, 'locationCode', l.code,
	'lines', (SELECT count(*) FROM purchase_order_lines WHERE purchase_order_id = po.id),
	'totalMinor', (SELECT coalesce(sum(ordered_qty * unit_cost_minor), 0) FROM purchase_order_lines WHERE purchase_order_id = po.id),
	'createdAt', ${isoTime(sql`po.created_at`)})`;

export type PurchaseOrderSnapshot = {
	id: string;
	number: string;
	status: PurchaseOrderStatus;
	version: number;
	supplierId: string;
	locationId: string;
	lines: {
		line: number;
		productId: string;
		orderedQty: number;
		receivedQty: number;
		unitCostMinor: number;
	}[];
};

/** The snapshot a decision is made on (404 when there is no such purchase order). */
export async function readPurchaseOrder(ctx: Ctx, id: string): Promise<PurchaseOrderSnapshot> {
	const rows = await ctx.db.all<{ po: string }>(
		sql`SELECT json_object('id', id, 'number', number, 'status', status, 'version', version,
			'supplierId', supplier_id, 'locationId', location_id,
			'lines', (SELECT json_group_array(json_object('line', line, 'productId', product_id,
				'orderedQty', ordered_qty, 'receivedQty', received_qty, 'unitCostMinor', unit_cost_minor))
				FROM purchase_order_lines WHERE purchase_order_id = purchase_orders.id)) AS po
			FROM purchase_orders WHERE id = ${id}`
	);
	const row = rows[0];
	if (!row)
		throw new NotFound(
			'purchase-order-not-found',
			'No such purchase order',
			`No purchase order has id ${id}.`
		);
	return JSON.parse(row.po) as PurchaseOrderSnapshot;
}
