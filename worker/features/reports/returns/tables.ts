import { sql, type SQL } from 'drizzle-orm';
import type { Window } from '../period';
import type { ReturnReportRow, ReturnReportTable } from './schemas';

// One query per table. Every query starts from an index on its time column (orders_placed;
// returns_status_created with every status listed, so the range on created_at is used;
// refunds_created, store_credit_created, return_overrides_created: migration
// return_signals), then primary keys. Money stays integer minor units with its currency.

const STATUSES = sql.raw(
	`('held', 'requested', 'authorised', 'partially_received', 'received', 'inspected', 'resolved', 'rejected', 'cancelled', 'expired')`
);
const COUNTS = sql.raw(`rl.status NOT IN ('cancelled', 'rejected', 'expired')`);

/** Return lines of returns requested in the window (kind 'return' unless said). */
const returnedLines = (w: Window, kind: 'return' | 'claim' = 'return') =>
	sql`FROM returns r JOIN return_lines rl ON rl.return_id = r.id
		WHERE r.status IN ${STATUSES} AND r.created_at >= ${w.fromMs} AND r.created_at < ${w.toMs}
		AND r.kind = ${kind} AND ${COUNTS}`;

/** Units shipped per product on orders placed in the window. */
const shipped = (w: Window) =>
	sql`shipped AS MATERIALIZED (SELECT ol.product_id, sum(ol.quantity_shipped) AS units
		FROM orders o JOIN order_lines ol ON ol.order_id = o.id
		WHERE o.placed_at >= ${w.fromMs} AND o.placed_at < ${w.toMs} AND ol.kind = 'product'
			AND ol.product_id IS NOT NULL
		GROUP BY ol.product_id),
	returned AS MATERIALIZED (SELECT rl.product_id, sum(rl.quantity) AS units
		${returnedLines(w)} AND rl.product_id IS NOT NULL GROUP BY rl.product_id)`;

const rate = sql.raw(
	`CASE WHEN coalesce(s.units, 0) > 0 THEN round(coalesce(x.units, 0) * 100.0 / s.units, 1) END`
);

export const TABLE_QUERIES: Record<ReturnReportTable, (w: Window) => SQL> = {
	'by-product': (w) => sql`WITH ${shipped(w)}
		SELECT p.sku, p.name, p.category, coalesce(s.units, 0) AS unitsShipped,
			coalesce(x.units, 0) AS unitsReturned, ${rate} AS returnRatePct
		FROM returned x JOIN products p ON p.id = x.product_id
		LEFT JOIN shipped s ON s.product_id = x.product_id
		ORDER BY unitsReturned DESC, p.sku`,
	'by-category': (w) => sql`WITH ${shipped(w)},
		cat AS (SELECT coalesce(p.category, 'Uncategorised') AS category,
			sum(coalesce(s.units, 0)) AS shipped, sum(coalesce(x.units, 0)) AS returned
			FROM (SELECT product_id FROM shipped UNION SELECT product_id FROM returned) k
			JOIN products p ON p.id = k.product_id
			LEFT JOIN shipped s ON s.product_id = k.product_id
			LEFT JOIN returned x ON x.product_id = k.product_id
			GROUP BY 1)
		SELECT category, shipped AS unitsShipped, returned AS unitsReturned,
			CASE WHEN shipped > 0 THEN round(returned * 100.0 / shipped, 1) END AS returnRatePct
		FROM cat WHERE returned > 0 ORDER BY unitsReturned DESC, category`,
	'by-reason': (w) => sql`WITH lines AS (SELECT coalesce(rl.reason_code, 'unspecified') AS code,
			rl.return_id, rl.quantity ${returnedLines(w)})
		SELECT l.code AS reason, coalesce(rr.label, 'No reason given') AS label,
			count(DISTINCT l.return_id) AS returns, sum(l.quantity) AS units,
			round(sum(l.quantity) * 100.0 / (SELECT sum(quantity) FROM lines), 1) AS sharePct
		FROM lines l LEFT JOIN return_reasons rr ON rr.code = l.code
		GROUP BY l.code ORDER BY units DESC, reason`,
	'money-by-kind': (w) => sql`SELECT 'refund' AS source, f.kind, o.currency, count(*) AS count,
			sum(f.amount_minor) AS amountMinor
		FROM refunds f JOIN orders o ON o.id = f.order_id
		WHERE f.created_at >= ${w.fromMs} AND f.created_at < ${w.toMs} AND f.status <> 'failed'
		GROUP BY f.kind, o.currency
		UNION ALL
		SELECT 'store_credit', e.kind, e.currency, count(*), sum(e.amount_minor)
		FROM store_credit_entries e
		WHERE e.created_at >= ${w.fromMs} AND e.created_at < ${w.toMs}
		GROUP BY e.kind, e.currency
		ORDER BY source, kind, currency`,
	'claims-by-kind': (w) => sql`SELECT rl.reason_code AS kind, count(DISTINCT r.id) AS claims,
			sum(rl.quantity) AS units,
			sum(CASE WHEN rl.outcome = 'replacement' THEN rl.quantity ELSE 0 END) AS unitsReplaced,
			sum(rl.refund_minor) AS refundMinor, r.currency
		${returnedLines(w, 'claim')}
		GROUP BY rl.reason_code, r.currency ORDER BY claims DESC, kind`,
	'overrides-by-staff': (w) => sql`SELECT u.name AS staff, u.email, count(*) AS overrides,
			(SELECT group_concat(rule, ', ') FROM (SELECT DISTINCT o2.rule FROM return_overrides o2
				WHERE o2.manager_id = ov.manager_id AND o2.created_at >= ${w.fromMs}
				AND o2.created_at < ${w.toMs} ORDER BY o2.rule)) AS rules
		FROM return_overrides ov JOIN users u ON u.id = ov.manager_id
		WHERE ov.created_at >= ${w.fromMs} AND ov.created_at < ${w.toMs}
		GROUP BY ov.manager_id ORDER BY overrides DESC, staff`,
	'time-to-money': (w) => sql`SELECT strftime('%Y-%m', r.resolved_at / 1000, 'unixepoch') AS month,
			(r.resolved_at - r.created_at) AS ms
		FROM returns r
		WHERE r.status = 'resolved' AND r.created_at >= ${w.fromMs} AND r.created_at < ${w.toMs}
			AND r.channel <> 'import' AND r.resolved_at IS NOT NULL
		ORDER BY month, ms`
};

const HOUR = 3_600_000;

/** Per month: how many, and the median and 90th percentile in days (nearest rank). */
export function timeToMoney(rows: { month: string; ms: number }[]): ReturnReportRow[] {
	const months = new Map<string, number[]>();
	for (const r of rows) months.set(r.month, [...(months.get(r.month) ?? []), r.ms]);
	return [...months].map(([month, ms]) => {
		const sorted = [...ms].sort((a, b) => a - b);
		const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
		const days = (x: number) => Math.round(x / HOUR / 2.4) / 10;
		return { month, returns: sorted.length, medianDays: days(rank(50)), p90Days: days(rank(90)) };
	});
}

/** Each table's columns, in order: the CSV header (snake_case) even when there are no rows. */
export const TABLE_COLUMNS: Record<ReturnReportTable, readonly string[]> = {
	'by-product': ['sku', 'name', 'category', 'unitsShipped', 'unitsReturned', 'returnRatePct'],
	'by-category': ['category', 'unitsShipped', 'unitsReturned', 'returnRatePct'],
	'by-reason': ['reason', 'label', 'returns', 'units', 'sharePct'],
	'money-by-kind': ['source', 'kind', 'currency', 'count', 'amountMinor'],
	'claims-by-kind': ['kind', 'claims', 'units', 'unitsReplaced', 'refundMinor', 'currency'],
	'overrides-by-staff': ['staff', 'email', 'overrides', 'rules'],
	'time-to-money': ['month', 'returns', 'medianDays', 'p90Days']
};
