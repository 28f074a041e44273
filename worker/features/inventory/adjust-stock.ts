import { sql } from 'drizzle-orm';
import { actorId, type Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import { adjust } from './ledger';
import { ADJUST_REASON_LABELS, type AdjustStock, type StockLevel } from './schemas';

/** What the ledger says: "Damaged: dropped by forklift", or the older free-text reason. */
export function ledgerReason(input: AdjustStock): string {
	if (!input.reasonCode) return input.reason!;
	const label = ADJUST_REASON_LABELS[input.reasonCode];
	const note = input.note || input.reason;
	return note ? `${label}: ${note}` : label;
}

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
			...adjust(db, {
				productId,
				locationId,
				delta,
				reason: ledgerReason(input),
				actorId: actorId(ctx),
				deviceTime: input.deviceTime ? Date.parse(input.deviceTime) : null,
				at: ctx.now,
				id: movementId
			}),
			auditEntry(ctx, {
				action: 'inventory.adjust',
				target: { type: 'product', id: productId },
				details: {
					locationId,
					delta,
					reason: ledgerReason(input),
					reasonCode: input.reasonCode ?? null,
					movementId
				}
			})
		],
		result: sql`SELECT json_object(
			'productId', product_id, 'locationId', location_id, 'onHand', on_hand,
			'reserved', reserved, 'available', on_hand - reserved, 'movementId', ${movementId})
			FROM stock_levels WHERE product_id = ${productId} AND location_id = ${locationId}`
	});
}
