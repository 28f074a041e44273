import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { costBasis, unitCost } from './cost';
import { reportWindow } from './period';
import { period, salesCte } from './sales';
import type { DeadStock, ReportPeriod } from './schemas';

type Row = DeadStock['rows'][number];

/**
 * Stock that does not sell: products with units on hand and no sale in the period, the
 * most money tied up first, with their last sale before the period ended (read only for
 * those rows, through order_lines_product and orders_id_placed). One query.
 */
export async function deadStock({
	ctx,
	input
}: {
	ctx: Ctx;
	input: ReportPeriod;
}): Promise<DeadStock> {
	const w = reportWindow(input, ctx.now);
	const rows = await ctx.db.all<Row>(
		sql`WITH ${salesCte(w)}, dead AS (
			SELECT p.id, p.sku, p.name, p.currency, s.on_hand, ${unitCost} AS cost, ${costBasis} AS basis
			FROM (SELECT product_id, sum(on_hand) AS on_hand FROM stock_levels GROUP BY product_id) s
			JOIN products p ON p.id = s.product_id
			WHERE s.on_hand > 0 AND NOT EXISTS (SELECT 1 FROM sales x WHERE x.product_id = s.product_id))
		SELECT id AS productId, sku, name, on_hand AS onHand, cost AS unitCostMinor, basis AS costBasis,
			on_hand * cost AS valueMinor, currency,
			(SELECT strftime('%Y-%m-%dT%H:%M:%fZ', max(o.placed_at) / 1000.0, 'unixepoch')
				FROM order_lines ol JOIN orders o ON o.id = ol.order_id
				WHERE ol.product_id = dead.id AND o.placed_at < ${w.toMs}
				AND o.status <> 'cancelled') AS lastSoldAt
		FROM dead
		ORDER BY valueMinor DESC, sku`
	);
	return { period: period(w), rows };
}
