import { sql, type SQL } from 'drizzle-orm';
import { registerConstraintError } from '../../../core/constraint-errors';
import type { Ctx } from '../../../core/context';
import { Conflict, NotFound } from '../../../core/errors';
import { isoTime } from '../../users/internal';
import type { StockLevelRow } from './schemas';

// What the integration verbs share: one read of the levels a request names (by SKU and
// location code), the level as JSON built in SQL (so a mutation's answer comes from its own
// batch), and the precondition that a level is still at the version a client read.

registerConstraintError(
	'precondition_stock_level_changed',
	() =>
		new Conflict(
			'stock-level-changed',
			'This stock level changed since it was read',
			'Read the level again (its current value and version are in `current`), decide again, and send the new version.'
		)
);

export type Pair = { sku: string; location: string };
export type LevelSnapshot = Pair & {
	productId: string | null;
	locationId: string | null;
	onHand: number;
	reserved: number;
	/** 0 when the product has never been stocked at the location (no level row). */
	version: number;
};

export const pairKey = (p: Pair) => `${p.sku}\u0000${p.location}`;

/** Every named (SKU, location) with its ids and level, in ONE query (pairs as one JSON parameter). */
export async function readLevels(
	ctx: Ctx,
	pairs: readonly Pair[]
): Promise<Map<string, LevelSnapshot>> {
	const wanted = JSON.stringify(pairs.map((p) => [p.sku, p.location]));
	const rows = await ctx.db.all<{
		sku: string;
		code: string;
		product_id: string | null;
		location_id: string | null;
		on_hand: number | null;
		reserved: number | null;
		version: number | null;
	}>(sql`WITH wanted AS (
			SELECT DISTINCT json_extract(value, '$[0]') AS sku, json_extract(value, '$[1]') AS code
			FROM json_each(${wanted}))
		SELECT w.sku, w.code, p.id AS product_id, l.id AS location_id,
			s.on_hand, s.reserved, s.version
		FROM wanted w
		LEFT JOIN products p ON p.sku = w.sku
		LEFT JOIN locations l ON l.code = w.code
		LEFT JOIN stock_levels s ON s.product_id = p.id AND s.location_id = l.id`);
	const out = new Map<string, LevelSnapshot>();
	for (const r of rows) {
		const snapshot: LevelSnapshot = {
			sku: r.sku,
			location: r.code,
			productId: r.product_id,
			locationId: r.location_id,
			onHand: r.on_hand ?? 0,
			reserved: r.reserved ?? 0,
			version: r.version ?? 0
		};
		out.set(pairKey(snapshot), snapshot);
	}
	return out;
}

/** The level as a client sees it, for the `current` of a 409. */
export function currentLevel(s: LevelSnapshot) {
	return {
		sku: s.sku,
		location: s.location,
		onHand: s.onHand,
		reserved: s.reserved,
		available: s.onHand - s.reserved,
		version: s.version
	};
}

/** 404 naming what is unknown, for a single level's route. */
export function requireKnown(
	s: LevelSnapshot | undefined,
	pair: Pair
): asserts s is LevelSnapshot & {
	productId: string;
	locationId: string;
} {
	if (!s?.productId) throw new NotFound('product-not-found', `No product has the SKU ${pair.sku}`);
	if (!s.locationId)
		throw new NotFound('location-not-found', `No location has the code ${pair.location}`);
}

/** The batch's first statement: the level is still at `version` (0: it has no row yet). */
export function expectLevelVersion(
	ctx: Ctx,
	productId: string,
	locationId: string,
	version: number
) {
	const row = sql`SELECT 1 FROM stock_levels WHERE product_id = ${productId} AND location_id = ${locationId}`;
	const held =
		version === 0 ? sql`NOT EXISTS (${row})` : sql`EXISTS (${row} AND version = ${version})`;
	return ctx.db.run(sql`INSERT INTO preconditions (subject, held) SELECT 'stock_level', ${held}`);
}

/** One level as StockLevelRow JSON, for a query FROM stock_levels s JOIN products p JOIN locations l. */
export const levelJson: SQL = sql`json_object(
	'sku', p.sku, 'productId', p.id, 'location', l.code, 'locationId', l.id,
	'onHand', s.on_hand, 'reserved', s.reserved, 'available', s.on_hand - s.reserved,
	'version', s.version, 'updatedAt', ${isoTime(sql`s.updated_at`)})`;

export const levelsFrom: SQL = sql`stock_levels s
	JOIN products p ON p.id = s.product_id
	JOIN locations l ON l.id = s.location_id`;

export type { StockLevelRow };
