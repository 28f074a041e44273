import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { reportWindow } from './period';
import { period, salesCte, stockCte } from './sales';
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
		sql`WITH ${salesCte(w)}, ${stockCte}
		SELECT p.id AS productId, p.sku, p.name, coalesce(s.on_hand, 0) AS onHand,
			coalesce(x.units, 0) AS unitsSold,
			round(coalesce(x.units, 0) * 1.0 / ${w.days}, 2) AS dailyUnits,
			CASE WHEN coalesce(x.units, 0) > 0
				THEN round(coalesce(s.on_hand, 0) * ${w.days} * 1.0 / x.units, 1) END AS daysOfCover
		FROM products p
		LEFT JOIN stock s ON s.product_id = p.id
		LEFT JOIN sales x ON x.product_id = p.id
		WHERE coalesce(s.on_hand, 0) > 0 OR coalesce(x.units, 0) > 0
		ORDER BY daysOfCover IS NULL, daysOfCover, p.sku`
	);
	return { period: period(w), rows };
}
