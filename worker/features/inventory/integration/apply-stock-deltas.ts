import { sql } from 'drizzle-orm';
import { actorId, type Ctx } from '../../../core/context';
import { Conflict, Invalid, type FieldErrors } from '../../../core/errors';
import { mutate } from '../../../core/mutate';
import { auditEntry } from '../../audit/record';
import { adjust, type BatchItems } from '../ledger';
import { currentLevel, levelJson, pairKey, readLevels } from './levels';
import type { DeltasApplied, StockDeltas } from './schemas';

/**
 * Stock deltas from an external system ("+12 received at MAIN", "-1 damaged"): each an
 * `adjustment` movement, all in ONE batch, whole or nothing. The route requires an
 * Idempotency-Key, so a retry after a lost answer replays the first answer instead of
 * applying again (mutate() stores it in the same batch). One read first names unknown SKUs
 * and locations and deltas that would take stock below what orders reserve, row by row;
 * the level's CHECK still refuses what changed in between.
 */
export async function applyStockDeltas({
	ctx,
	input
}: {
	ctx: Ctx;
	input: StockDeltas;
}): Promise<DeltasApplied> {
	const levels = await readLevels(ctx, input.deltas);
	const errors: FieldErrors = {};
	const running = new Map<string, number>();
	const short: Record<string, unknown>[] = [];
	input.deltas.forEach((d, i) => {
		const level = levels.get(pairKey(d))!;
		if (!level.productId)
			(errors[`deltas.${i}.sku`] ??= []).push(`No product has the SKU ${d.sku}`);
		if (!level.locationId)
			(errors[`deltas.${i}.location`] ??= []).push(`No location has the code ${d.location}`);
		if (!level.productId || !level.locationId) return;
		const onHand = (running.get(pairKey(d)) ?? level.onHand) + d.delta;
		running.set(pairKey(d), onHand);
		if (onHand < level.reserved) {
			(errors[`deltas.${i}.delta`] ??= []).push(
				`${d.sku} at ${d.location} would have ${onHand} on hand, below the ${level.reserved} reserved for orders`
			);
			short.push(currentLevel(level));
		}
	});
	const unknown = Object.keys(errors).some((k) => !k.endsWith('.delta'));
	if (unknown)
		throw new Invalid(
			'unknown-sku-or-location',
			'Some deltas name no product or location',
			'Nothing was applied. Fix the rows listed in `errors`.',
			errors
		);
	if (short.length > 0)
		throw new Conflict(
			'insufficient-stock',
			'Some deltas would take stock below what is reserved',
			'Nothing was applied. The rows listed would leave less on hand than orders have reserved; `current` has their levels.',
			errors
		).with({ current: short });

	const writes = input.deltas.flatMap((d): BatchItems => {
		const level = levels.get(pairKey(d))!;
		return adjust(ctx.db, {
			productId: level.productId!,
			locationId: level.locationId!,
			delta: d.delta,
			reason: d.reason,
			actorId: actorId(ctx),
			at: ctx.now
		});
	}) as unknown as BatchItems;
	const touched = JSON.stringify(
		[...new Set(input.deltas.map((d) => pairKey(d)))].map((k) => {
			const level = levels.get(k)!;
			return [level.productId, level.locationId];
		})
	);
	return mutate<DeltasApplied>(ctx, {
		status: 201,
		writes: [
			...writes,
			auditEntry(ctx, {
				action: 'inventory.deltas',
				target: { type: 'stock', id: ctx.requestId },
				details: {
					deltas: input.deltas.length,
					units: input.deltas.reduce((n, d) => n + d.delta, 0)
				}
			})
		],
		result: sql`SELECT json_object('applied', ${input.deltas.length}, 'levels',
			(SELECT json_group_array(json(${levelJson})) FROM json_each(${touched}) t
				JOIN stock_levels s ON s.product_id = json_extract(t.value, '$[0]')
					AND s.location_id = json_extract(t.value, '$[1]')
				JOIN products p ON p.id = s.product_id
				JOIN locations l ON l.id = s.location_id))`
	});
}
