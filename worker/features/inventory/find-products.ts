import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import type { ProductSummary } from './schemas';
import { searchTerms, trigramQuery } from './search-terms';
import { stockStatus } from './stock-status';

const AFTER_EVERYTHING = '\u{10FFFF}';

export type Row = {
	id: string;
	sku: string;
	barcode: string | null;
	name: string;
	price_minor: number;
	currency: string;
	reorder_point: number;
	rank: number;
	lookalikes: number;
	stock: string;
};
type Level = [id: string, code: string, name: string, onHand: number, available: number];

export type ProductPage = { items: ProductSummary[]; nextCursor: string | null };

/**
 * One page of the products a query names, in one query: exact SKU or barcode first
 * (rank 0), then SKU and barcode prefixes (1), then names containing every word (2),
 * each by units sold, name and id. Keyset paging on that order: the cursor is the
 * last row's rank and id, and the row's sales and name are read back from its id, so
 * every match is reachable and none repeats. Each row carries its stock at every
 * location (zero where none) and how many other products share its name.
 */
export function productsQuery(
	db: Db,
	{ q, limit, cursor }: { q: string; limit: number; cursor?: string | undefined }
) {
	const upper = q.toUpperCase();
	const skuPrefix = sql`(p.sku >= ${upper} AND p.sku < ${upper + AFTER_EVERYTHING})`;
	// A barcode prefix is the maker's number and part of the item's: 5+ digits, so "5"
	// does not list the whole catalogue.
	const barcodePrefix = /^\d{5,13}$/.test(q)
		? sql`(p.barcode >= ${q} AND p.barcode < ${q + AFTER_EVERYTHING})`
		: null;
	// A whole barcode is answered by the barcode index; the name index would only add
	// work (long posting lists for digit trigrams).
	const fts = /^\d{8,14}$/.test(q) ? null : trigramQuery(searchTerms(q));
	const byName = fts
		? sql`p.rowid IN (SELECT rowid FROM products_fts WHERE products_fts MATCH ${fts})`
		: null;
	// Only the ways that apply, each on its own index (a MULTI-INDEX OR): a constant
	// false among them would turn the whole OR into a scan of products.
	const prefixes = barcodePrefix ? sql`${skuPrefix} OR ${barcodePrefix}` : skuPrefix;
	const ways = [sql`p.sku = ${upper}`, sql`p.barcode = ${q}`, skuPrefix, barcodePrefix, byName];
	const [afterRank, afterId] = cursor ? cursor.split('~') : [];
	const after = cursor
		? sql`AND (rank, -units_sold, name, id) >
				(SELECT ${Number(afterRank)}, -units_sold, name, id FROM products WHERE id = ${afterId})`
		: sql``;
	return db.all<Row>(sql`
		WITH hits AS (
			SELECT p.id, p.name, p.units_sold,
				CASE WHEN p.sku = ${upper} OR p.barcode = ${q} THEN 0
					WHEN ${prefixes} THEN 1 ELSE 2 END AS rank
			FROM products p
			WHERE p.active = 1 AND (${sql.join(
				ways.filter((w) => w !== null),
				sql` OR `
			)})
		), page AS (
			SELECT * FROM hits WHERE 1 ${after}
			ORDER BY rank, units_sold DESC, name, id LIMIT ${limit + 1}
		)
		SELECT p.id, p.sku, p.barcode, p.name, p.price_minor, p.currency, p.reorder_point, page.rank,
			(SELECT count(*) - 1 FROM products o WHERE o.name = p.name AND o.active = 1) AS lookalikes,
			(SELECT json_group_array(json_array(l.id, l.code, l.name,
					coalesce(s.on_hand, 0), coalesce(s.on_hand - s.reserved, 0)))
				FROM locations l
				LEFT JOIN stock_levels s ON s.product_id = p.id AND s.location_id = l.id) AS stock
		FROM page JOIN products p ON p.id = page.id
		ORDER BY page.rank, page.units_sold DESC, page.name, page.id`);
}

/** The rows of productsQuery (which fetches one more than the page) as a page. */
export function productPage(rows: Row[], limit: number): ProductPage {
	const more = rows.length > limit;
	const shown = more ? rows.slice(0, limit) : rows;
	const last = shown.at(-1);
	return {
		items: shown.map(toSummary),
		nextCursor: more && last ? `${last.rank}~${last.id}` : null
	};
}

function toSummary(r: Row): ProductSummary {
	const stock = (JSON.parse(r.stock) as Level[])
		.map(([locationId, code, name, onHand, available]) => ({
			locationId,
			code,
			name,
			onHand,
			available,
			status: stockStatus(available, r.reorder_point)
		}))
		.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
	return {
		id: r.id,
		sku: r.sku,
		barcode: r.barcode,
		name: r.name,
		priceMinor: r.price_minor,
		currency: r.currency,
		reorderPoint: r.reorder_point,
		onHand: stock.reduce((n, s) => n + s.onHand, 0),
		available: stock.reduce((n, s) => n + s.available, 0),
		lookalikes: r.lookalikes,
		stock
	};
}
