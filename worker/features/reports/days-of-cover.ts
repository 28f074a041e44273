import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { reportWindow } from './period';
import { figuresCte, period, salesCte } from './sales';
import type { DaysOfCover, ReportPeriod } from './schemas';

type Row = DaysOfCover['rows'][number];

/**
 * How long each product's stock lasts at the recent rate of sale: on hand ÷ (units sold
 * in the period ÷ its days). Products with stock or sales; the shortest cover first,
 * products that sold nothing last (their cover has no end: null). One query.
 */
export async function daysOfCover({
	ctx,
	input
}: {
	ctx: Ctx;
	input: ReportPeriod;
}): Promise<DaysOfCover> {
	const w = reportWindow(input, ctx.now);
	const rows = await ctx.db.all<Row>(
		sql`WITH ${salesCte(w)}, ${figuresCte}
		SELECT p.id AS productId, p.sku, p.name, f.on_hand AS onHand, f.units AS unitsSold,
			round(f.units * 1.0 / ${w.days}, 2) AS dailyUnits,
			CASE WHEN f.units > 0 THEN round(f.on_hand * ${w.days} * 1.0 / f.units, 1) END AS daysOfCover
		FROM figures f JOIN products p ON p.id = f.product_id
		WHERE f.on_hand > 0 OR f.units > 0
		ORDER BY daysOfCover IS NULL, daysOfCover, p.sku`
	);
	return { period: period(w), rows };
}
