import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { reportWindow } from './period';
import { figuresCte, period, salesCte } from './sales';
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
		sql`WITH ${salesCte(w)}, ${figuresCte}
		SELECT p.id AS productId, p.sku, p.name, f.units AS unitsSold, f.on_hand AS onHand,
			round(f.units * 100.0 / (f.units + f.on_hand), 1) AS sellThroughPct
		FROM figures f JOIN products p ON p.id = f.product_id
		WHERE f.units + f.on_hand > 0
		ORDER BY sellThroughPct DESC, sku`
	);
	return { period: period(w), rows };
}
