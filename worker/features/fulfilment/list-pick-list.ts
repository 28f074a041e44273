import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { byBinThenSku, isoTime } from './internal';
import type { PickList, PickListOrder, PickListQuery } from './schemas';

type Row = {
	id: string;
	number: string;
	status: string;
	version: number;
	placed_at: number;
	placed_iso: string;
	picking_id: string | null;
	lines: string;
};

// Units of a line that no open shipment holds yet (shipment_lines_order_line index).
const OUTSTANDING = sql`(l.quantity - l.quantity_shipped - coalesce((SELECT sum(x.quantity)
	FROM shipment_lines x JOIN shipments xs ON xs.id = x.shipment_id
	WHERE x.order_id = l.order_id AND x.line = l.line AND xs.status IN ('picking', 'packed')), 0))`;

/**
 * What a location has to pick: paid, allocated and in-progress orders, oldest first
 * (keyset on placed_at, id through the orders_status_placed index), each with its lines
 * still to pick there in bin order and the shipment already being picked, if any.
 */
export async function listPickList({
	ctx,
	input
}: {
	ctx: Ctx;
	input: PickListQuery;
}): Promise<PickList> {
	const { locationId, limit } = input;
	const [afterAt, afterId] = input.after
		? [Number(input.after.split('.')[0]), input.after.slice(input.after.indexOf('.') + 1)]
		: [-1, ''];
	const rows = await ctx.db.all<Row>(sql`
		SELECT o.id, o.number, o.status, o.version, o.placed_at,
			${isoTime(sql`o.placed_at`)} AS placed_iso,
			(SELECT s.id FROM shipments s WHERE s.order_id = o.id AND s.location_id = ${locationId}
				AND s.status = 'picking' ORDER BY s.created_at LIMIT 1) AS picking_id,
			coalesce((SELECT json_group_array(json_object('line', l.line, 'sku', l.sku, 'name', l.name,
				'barcode', p.barcode, 'bin', lv.bin, 'outstanding', ${OUTSTANDING}))
				FROM order_lines l LEFT JOIN products p ON p.id = l.product_id
				LEFT JOIN stock_levels lv ON lv.product_id = l.product_id AND lv.location_id = l.location_id
				WHERE l.order_id = o.id AND l.location_id = ${locationId} AND l.kind = 'product'
					AND ${OUTSTANDING} > 0), '[]') AS lines
		FROM orders o
		WHERE o.status IN ('paid', 'allocated', 'picking')
			AND (o.placed_at > ${afterAt} OR (o.placed_at = ${afterAt} AND o.id > ${afterId}))
			AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id
				AND l.location_id = ${locationId} AND l.kind = 'product' AND l.quantity > l.quantity_shipped)
		ORDER BY o.placed_at, o.id
		LIMIT ${limit + 1}`);
	const items: PickListOrder[] = rows
		.map((r) => ({
			orderId: r.id,
			number: r.number,
			status: r.status,
			version: r.version,
			placedAt: r.placed_iso,
			pickingShipmentId: r.picking_id,
			lines: (JSON.parse(r.lines) as PickListOrder['lines']).sort(byBinThenSku)
		}))
		.slice(0, limit);
	const last = rows.length > limit ? rows[limit - 1] : undefined;
	return {
		// An order whose units all sit in packed parcels is not the picker's work.
		items: items.filter((i) => i.lines.length > 0 || i.pickingShipmentId !== null),
		nextCursor: last ? `${last.placed_at}.${last.id}` : null
	};
}
