import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { reportWindow } from './period';
import { period } from './sales';
import type { CountVariances, ReportPeriod } from './schemas';

type Row = CountVariances['rows'][number];

/**
 * Every counted line with a difference in the period, newest first: what the system held
 * as of the count, what was counted, the difference in units and value, and what became
 * of it (applied, waiting for approval, sent back, rejected). Index count_lines_counted.
 * One query; the totals are summed here.
 */
export async function countVariances({
	ctx,
	input
}: {
	ctx: Ctx;
	input: ReportPeriod;
}): Promise<CountVariances> {
	const w = reportWindow(input, ctx.now);
	const rows = await ctx.db.all<Row>(
		sql`SELECT c.id AS lineId,
			strftime('%Y-%m-%dT%H:%M:%fZ', c.counted_at / 1000.0, 'unixepoch') AS countedAt,
			l.code AS locationCode, c.bin, p.sku, p.name, c.expected, c.counted,
			c.variance_units AS varianceUnits, c.variance_value_minor AS varianceValueMinor,
			c.currency, c.status,
			(SELECT name FROM users WHERE id = c.counted_by_id) AS countedBy,
			(SELECT name FROM users WHERE id = c.decided_by_id) AS decidedBy
		FROM count_lines c
		JOIN products p ON p.id = c.product_id
		JOIN locations l ON l.id = c.location_id
		WHERE c.counted_at >= ${w.fromMs} AND c.counted_at < ${w.toMs} AND c.variance_units <> 0
		ORDER BY c.counted_at DESC, c.id DESC`
	);
	const totals = { lines: rows.length, unitsLost: 0, unitsFound: 0 };
	for (const r of rows) {
		if (r.varianceUnits < 0) totals.unitsLost -= r.varianceUnits;
		else totals.unitsFound += r.varianceUnits;
	}
	return { period: period(w), totals, rows };
}
