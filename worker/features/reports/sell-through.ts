import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { reportWindow } from './period';
import { period, salesCte, stockCte } from './sales';
import type { ReportPeriod, SellThrough } from './schemas';

type Row = SellThrough['rows'][number];

/**
 * What share of the stock there was sold in the period: sold ÷ (sold + on hand now).
 * Products with either; the best sellers through first. One query.
 */
export async function sellThrough({
	ctx,
	input
}: {
	ctx: Ctx;
	input: ReportPeriod;
}): Promise<SellThrough> {
	const w = reportWindow(input, ctx.now);
	const rows = await ctx.db.all<Row>(
		sql`WITH ${salesCte(w)}, ${stockCte}, figures AS (
			SELECT p.id AS productId, p.sku, p.name, coalesce(x.units, 0) AS unitsSold,
				coalesce(s.on_hand, 0) AS onHand
			FROM products p
			LEFT JOIN stock s ON s.product_id = p.id
			LEFT JOIN sales x ON x.product_id = p.id)
		SELECT productId, sku, name, unitsSold, onHand,
			round(unitsSold * 100.0 / (unitsSold + onHand), 1) AS sellThroughPct
		FROM figures WHERE unitsSold + onHand > 0
		ORDER BY sellThroughPct DESC, sku`
	);
	return { period: period(w), rows };
}
