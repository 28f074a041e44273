import { sql } from 'drizzle-orm';
import { actorId, type Ctx } from '../../../core/context';
import { Conflict, DomainError } from '../../../core/errors';
import { mutate } from '../../../core/mutate';
import { auditEntry } from '../../audit/record';
import { count } from '../ledger';
import {
	currentLevel,
	expectLevelVersion,
	levelJson,
	levelsFrom,
	readLevels,
	requireKnown,
	type LevelSnapshot
} from './levels';
import type { SetStockLevel, StockLevelParams, StockLevelSet } from './schemas';

function stale(snapshot: LevelSnapshot): Conflict {
	return new Conflict(
		'stock-level-changed',
		'This stock level changed since it was read',
		`It is at version ${snapshot.version} now, with ${snapshot.onHand} on hand. Decide again from \`current\` and send its version.`
	).with({ current: currentLevel(snapshot) });
}

/**
 * Sets an absolute level, as an external inventory system knows it, if the level is still at
 * the version the system read (decide, then write). The difference becomes ONE ledger `count`
 * movement, so `inventory verify` holds; a stale version is a 409 carrying the level now, so
 * the caller retries without a second read. Two round trips: the snapshot, then one batch
 * whose precondition refuses a level that moved in between (then read once more for `current`).
 */
export async function setStockLevel({
	ctx,
	params,
	input
}: {
	ctx: Ctx;
	params: StockLevelParams;
	input: SetStockLevel;
}): Promise<StockLevelSet> {
	const snapshot = (await readLevels(ctx, [params])).values().next().value;
	requireKnown(snapshot, params);
	if (snapshot.version !== input.expectedVersion) throw stale(snapshot);
	if (input.onHand < snapshot.reserved)
		throw new Conflict(
			'below-reserved',
			'Less than is reserved for orders',
			`${snapshot.reserved} units are reserved for orders at ${params.location}; set at least that many, or release the orders first.`
		).with({ current: currentLevel(snapshot) });
	const { productId, locationId } = snapshot;
	const delta = input.onHand - snapshot.onHand;
	const movementId = crypto.randomUUID();
	try {
		return await mutate<StockLevelSet>(ctx, {
			writes: [
				expectLevelVersion(ctx, productId, locationId, input.expectedVersion),
				...count(ctx.db, {
					productId,
					locationId,
					delta,
					reason: input.reason,
					actorId: actorId(ctx),
					at: ctx.now,
					id: movementId
				}),
				auditEntry(ctx, {
					action: 'inventory.set_level',
					target: { type: 'product', id: productId },
					details: {
						locationId,
						from: snapshot.onHand,
						to: input.onHand,
						version: input.expectedVersion,
						movementId
					}
				})
			],
			result: sql`SELECT json_set(${levelJson}, '$.movementId', ${movementId}, '$.delta', ${delta})
				FROM ${levelsFrom} WHERE s.product_id = ${productId} AND s.location_id = ${locationId}`
		});
	} catch (error) {
		if (!(error instanceof DomainError) || error.code !== 'stock-level-changed') throw error;
		const now = (await readLevels(ctx, [params])).values().next().value!;
		throw stale(now);
	}
}
