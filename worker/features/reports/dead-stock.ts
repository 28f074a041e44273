import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { unitCost } from './cost';
import { reportWindow } from './period';
import { period, stockCte } from './sales';
import type { DeadStock, ReportPeriod } from './schemas';

type Row = DeadStock['rows'][number];

/**
 * Stock that does not sell: products with units on hand and no sale in the period, the
 * most money tied up first, with their last sale before the period ended. The last sale
 * is read per product through order_lines_product and orders' primary key. One query.
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
		sql`WITH ${stockCte}, last AS (
			SELECT p.id, p.sku, p.name, p.currency, s.on_hand, ${unitCost} AS cost,
				(SELECT max(o.placed_at) FROM order_lines ol JOIN orders o ON o.id = ol.order_id
					WHERE ol.product_id = p.id AND o.placed_at < ${w.toMs}
					AND o.status <> 'cancelled') AS last_sold
			FROM stock s JOIN products p ON p.id = s.product_id
			WHERE s.on_hand > 0)
		SELECT id AS productId, sku, name, on_hand AS onHand, cost AS unitCostMinor,
			on_hand * cost AS valueMinor, currency,
			strftime('%Y-%m-%dT%H:%M:%fZ', last_sold / 1000.0, 'unixepoch') AS lastSoldAt
		FROM last WHERE last_sold IS NULL OR last_sold < ${w.fromMs}
		ORDER BY valueMinor DESC, sku`
	);
	return { period: period(w), rows };
}
