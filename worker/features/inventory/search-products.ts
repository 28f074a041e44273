import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import type { ProductSummary, SearchProducts } from './schemas';

/** FTS5 trigram terms: each word of 3+ characters, quoted so no input is syntax. */
export function trigramQuery(q: string): string | null {
	const terms = q
		.split(/\s+/)
		.filter((t) => [...t].length >= 3)
		.map((t) => `"${t.replaceAll('"', '""')}"`);
	return terms.length > 0 ? terms.join(' ') : null;
}

type Row = {
	id: string;
	sku: string;
	barcode: string | null;
	name: string;
	price_minor: number;
	currency: string;
	on_hand: number;
	available: number;
};

/**
 * One box for SKU, barcode or any part of the name. Exact SKU and barcode hits use
 * their unique indexes, SKU prefixes the SKU index, words the trigram index. Exact
 * hits come first, then SKU prefixes, then the best sellers. One query, one round trip.
 */
export async function searchProducts({
	ctx,
	input
}: {
	ctx: Ctx;
	input: SearchProducts;
}): Promise<{ items: ProductSummary[] }> {
	const upper = input.q.toUpperCase();
	// A barcode-shaped query is answered by the barcode index; the name index would
	// only add work (long posting lists for digit trigrams).
	const fts = /^\d{8,14}$/.test(input.q) ? null : trigramQuery(input.q);
	const byName = fts
		? sql`OR p.rowid IN (SELECT rowid FROM products_fts WHERE products_fts MATCH ${fts} LIMIT 500)`
		: sql``;
	const rows = await ctx.db.all<Row>(sql`
		SELECT p.id, p.sku, p.barcode, p.name, p.price_minor, p.currency,
			(SELECT coalesce(sum(on_hand), 0) FROM stock_levels WHERE product_id = p.id) AS on_hand,
			(SELECT coalesce(sum(on_hand - reserved), 0) FROM stock_levels WHERE product_id = p.id)
				AS available
		FROM products p
		WHERE p.active = 1 AND (
			p.sku = ${upper} OR p.barcode = ${input.q}
			OR (p.sku >= ${upper} AND p.sku < ${upper + '\u{10FFFF}'})
			${byName}
		)
		ORDER BY (p.sku = ${upper} OR p.barcode IS ${input.q}) DESC,
			(p.sku >= ${upper} AND p.sku < ${upper + '\u{10FFFF}'}) DESC, p.units_sold DESC, p.name
		LIMIT ${input.limit}`);
	return {
		items: rows.map((r) => ({
			id: r.id,
			sku: r.sku,
			barcode: r.barcode,
			name: r.name,
			priceMinor: r.price_minor,
			currency: r.currency,
			onHand: r.on_hand,
			available: r.available
		}))
	};
}
