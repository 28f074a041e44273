import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { COST_BASIS, costBasis, unitCost } from './cost';
import type { Valuation } from './schemas';

type Row = Valuation['rows'][number];

/**
 * What the stock on hand is worth, per product and location, and in total per currency
 * (money stays integer minor units: on hand × unit cost). The most valuable first. One
 * query; the totals are summed here from the same rows.
 */
export async function stockValuation({ ctx }: { ctx: Ctx }): Promise<Valuation> {
	const rows = await ctx.db.all<Row>(
		sql`SELECT p.id AS productId, p.sku, p.name, l.code AS locationCode, s.on_hand AS onHand,
			${unitCost} AS unitCostMinor, ${costBasis} AS costBasis, s.on_hand * ${unitCost} AS valueMinor, p.currency
		FROM stock_levels s
		JOIN products p ON p.id = s.product_id
		JOIN locations l ON l.id = s.location_id
		WHERE s.on_hand > 0
		ORDER BY valueMinor DESC, p.sku, l.code`
	);
	const totals = new Map<string, { currency: string; onHand: number; valueMinor: number }>();
	for (const r of rows) {
		const t = totals.get(r.currency) ?? { currency: r.currency, onHand: 0, valueMinor: 0 };
		t.onHand += r.onHand;
		t.valueMinor += r.valueMinor;
		totals.set(r.currency, t);
	}
	return { basis: COST_BASIS, totals: [...totals.values()], rows };
}
