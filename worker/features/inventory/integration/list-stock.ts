import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../core/context';
import { Invalid } from '../../../core/errors';
import { levelJson } from './levels';
import type { ListStock, StockLevelRow, StockPage } from './schemas';

// Keyset pages of stock levels by (SKU, location code): the products_sku index walks SKUs in
// order, each product's few levels come by the stock_levels primary key, and only the
// locations within one SKU are sorted. A cursor is base64url of the last [sku, code].

/** The cursor that continues after (sku, code); the bench starts pages mid-catalogue with it. */
export function encodeCursor(sku: string, code: string): string {
	const bytes = new TextEncoder().encode(JSON.stringify([sku, code]));
	let binary = '';
	for (const b of bytes) binary += String.fromCharCode(b);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function decodeCursor(cursor: string): [string, string] {
	try {
		const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
		const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
		const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
		if (Array.isArray(value) && value.length === 2 && value.every((x) => typeof x === 'string'))
			return value as [string, string];
	} catch {
		// falls through to the 422
	}
	throw new Invalid(
		'bad-cursor',
		'This cursor is not one Ordo gave',
		'Use the nextCursor of a page.',
		{
			cursor: ['Use the nextCursor of a page']
		}
	);
}

export async function listStock({
	ctx,
	input
}: {
	ctx: Ctx;
	input: ListStock;
}): Promise<StockPage> {
	const limit = Number(input.limit);
	const where = [sql`1`];
	if (input.sku !== undefined) where.push(sql`p.sku = ${input.sku}`);
	if (input.location !== undefined) where.push(sql`l.code = ${input.location}`);
	if (input.cursor !== undefined) {
		const [sku, code] = decodeCursor(input.cursor);
		// `sku >=` first: a range on the products_sku index, not an OR the planner scans for.
		where.push(sql`p.sku >= ${sku} AND (p.sku > ${sku} OR l.code > ${code})`);
	}
	const rows = await ctx.db.all<{ body: string }>(
		// CROSS JOIN keeps products outermost: the products_sku index walks SKUs from the cursor
		// in order (the bench caught the planner scanning stock_levels instead).
		sql`SELECT ${levelJson} AS body FROM products p
			CROSS JOIN stock_levels s ON s.product_id = p.id
			CROSS JOIN locations l ON l.id = s.location_id
			WHERE ${sql.join(where, sql` AND `)}
			ORDER BY p.sku, l.code LIMIT ${limit + 1}`
	);
	const items = rows.slice(0, limit).map((r) => JSON.parse(r.body) as StockLevelRow);
	const last = items.at(-1);
	return {
		items,
		nextCursor: rows.length > limit && last ? encodeCursor(last.sku, last.location) : null
	};
}
