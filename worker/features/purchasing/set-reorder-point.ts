import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import type { ReorderLevel, SetReorderPoint } from './schemas';

/** The level as the reorder-point editor shows it: its point, the default, the alert. */
export function reorderLevelJson(productId: string, locationId: string) {
	return sql`SELECT json_object('productId', s.product_id, 'locationId', s.location_id,
		'onHand', s.on_hand, 'reserved', s.reserved, 'available', s.on_hand - s.reserved,
		'reorderPoint', s.reorder_point, 'reorderQty', s.reorder_qty,
		'productReorderPoint', p.reorder_point,
		'effectiveReorderPoint', coalesce(s.reorder_point, p.reorder_point),
		'alertOpen', json(CASE WHEN EXISTS (SELECT 1 FROM stock_alerts a WHERE a.product_id = s.product_id
			AND a.location_id = s.location_id AND a.closed_at IS NULL) THEN 'true' ELSE 'false' END))
		FROM stock_levels s JOIN products p ON p.id = s.product_id
		WHERE s.product_id = ${productId} AND s.location_id = ${locationId}`;
}

/**
 * Sets (or clears, with null) a product's reorder point and quantity at one location.
 * The level row is made sure of first; the stock_alerts triggers then judge the level
 * against the new point in the same batch (an alert opens or closes at once). Unknown
 * product or location: the foreign keys refuse it (422).
 */
export async function setReorderPoint({
	ctx,
	productId,
	locationId,
	input
}: {
	ctx: Ctx;
	productId: string;
	locationId: string;
	input: SetReorderPoint;
}): Promise<ReorderLevel> {
	return mutate<ReorderLevel>(ctx, {
		writes: [
			ctx.db.run(
				sql`INSERT INTO stock_levels (product_id, location_id, on_hand, reserved, updated_at)
					VALUES (${productId}, ${locationId}, 0, 0, ${ctx.now}) ON CONFLICT DO NOTHING`
			),
			ctx.db.run(
				sql`UPDATE stock_levels SET reorder_point = ${input.reorderPoint},
					reorder_qty = ${input.reorderQty}, updated_at = ${ctx.now}
					WHERE product_id = ${productId} AND location_id = ${locationId}`
			),
			auditEntry(ctx, {
				action: 'inventory.reorder_point',
				target: { type: 'product', id: productId },
				details: { locationId, reorderPoint: input.reorderPoint, reorderQty: input.reorderQty }
			})
		],
		result: reorderLevelJson(productId, locationId)
	});
}
