import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { NotFound } from '../../core/errors';
import { suggestReorderPoint } from './costs';
import type { Suggestion, SuggestQuery } from './schemas';

const DAY_MS = 86_400_000;

/** The supplier a product is bought from: the lowest unit cost, then the shortest lead time. */
export const bestSupplierOrder = sql`si.unit_cost_minor, s.lead_time_days, s.id`;

/**
 * Suggests a reorder point from sales velocity: units on order lines at this location
 * (and history lines with no location, imported before locations were tracked) of orders
 * placed in the last `days` days and not cancelled, per day, × (the supplier's lead time
 * + safety days), rounded up. One query; the lines come from the covering index
 * order_lines_product_location, each order's time and status by its key.
 */
export async function suggestPoint({
	ctx,
	productId,
	locationId,
	input
}: {
	ctx: Ctx;
	productId: string;
	locationId: string;
	input: SuggestQuery;
}): Promise<Suggestion> {
	const since = ctx.now - input.days * DAY_MS;
	const rows = await ctx.db.all<{
		sold: number;
		point: number;
		supplierId: string | null;
		supplierName: string | null;
		leadTimeDays: number | null;
	}>(
		sql`SELECT
			(SELECT coalesce(sum(ol.quantity), 0) FROM order_lines ol JOIN orders o ON o.id = ol.order_id
				WHERE ol.product_id = p.id AND (ol.location_id = ${locationId} OR ol.location_id IS NULL)
				AND o.placed_at >= ${since} AND o.status <> 'cancelled') AS sold,
			coalesce((SELECT reorder_point FROM stock_levels WHERE product_id = p.id AND location_id = ${locationId}), p.reorder_point) AS point,
			b.id AS supplierId, b.name AS supplierName, b.lead_time_days AS leadTimeDays
			FROM products p
			LEFT JOIN (SELECT s.id, s.name, s.lead_time_days FROM supplier_items si JOIN suppliers s ON s.id = si.supplier_id
				WHERE si.product_id = ${productId} ORDER BY ${bestSupplierOrder} LIMIT 1) b ON 1
			WHERE p.id = ${productId} AND EXISTS (SELECT 1 FROM locations WHERE id = ${locationId})`
	);
	const row = rows[0];
	if (!row)
		throw new NotFound(
			'level-not-found',
			'No such product or location',
			'Check the product and the location.'
		);
	const suggestion = suggestReorderPoint({
		unitsSold: Number(row.sold),
		days: input.days,
		leadTimeDays: row.leadTimeDays,
		safetyDays: input.safetyDays,
		supplierName: row.supplierName
	});
	return {
		productId,
		locationId,
		...suggestion,
		supplierId: row.supplierId,
		supplierName: row.supplierName,
		currentReorderPoint: Number(row.point)
	};
}
