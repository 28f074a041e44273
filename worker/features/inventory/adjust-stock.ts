import { and, eq, sql } from 'drizzle-orm';
import { stockLevels, stockMovements } from '../../../db/schema/inventory';
import { actorId, type Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import type { AdjustStock, StockLevel } from './schemas';

/**
 * Adds a ledger movement and moves the level by the same amount in one batch.
 * The level's CHECK (on hand ≥ reserved ≥ 0) refuses an adjustment that would
 * take away stock promised to orders; the whole batch then changes nothing, its
 * `inventory.adjust` audit entry included, so the log never claims a refused change.
 */
export async function adjustStock({
	ctx,
	input
}: {
	ctx: Ctx;
	input: AdjustStock;
}): Promise<StockLevel> {
	const { db } = ctx;
	const movementId = crypto.randomUUID();
	const { productId, locationId, delta } = input;
	return mutate<StockLevel>(ctx, {
		status: 201,
		writes: [
			// Make sure the level row exists, then move it. (An upsert cannot do both: SQLite
			// checks the CHECKs on the row it would insert before it resolves the conflict,
			// so `INSERT … on_hand = -5 … ON CONFLICT DO UPDATE` fails even when stock is there.)
			db
				.insert(stockLevels)
				.values({ productId, locationId, onHand: 0, reserved: 0, updatedAt: ctx.now })
				.onConflictDoNothing(),
			db
				.update(stockLevels)
				.set({ onHand: sql`${stockLevels.onHand} + ${delta}`, updatedAt: ctx.now })
				.where(and(eq(stockLevels.productId, productId), eq(stockLevels.locationId, locationId))),
			db.insert(stockMovements).values({
				id: movementId,
				productId,
				locationId,
				kind: 'adjustment',
				onHandDelta: delta,
				reason: input.reason,
				actorId: actorId(ctx),
				deviceTime: input.deviceTime ? Date.parse(input.deviceTime) : null,
				recordedAt: ctx.now
			}),
			auditEntry(ctx, {
				action: 'inventory.adjust',
				target: { type: 'product', id: productId },
				details: { locationId, delta, reason: input.reason, movementId }
			})
		],
		result: sql`SELECT json_object(
			'productId', product_id, 'locationId', location_id, 'onHand', on_hand,
			'reserved', reserved, 'available', on_hand - reserved, 'movementId', ${movementId})
			FROM stock_levels WHERE product_id = ${productId} AND location_id = ${locationId}`
	});
}
