import type { Client } from '@libsql/client';

// What the stress proves after every run, read straight from the file with SQL (not through
// the app it checks). Each query counts the rows that break one rule; every count must be 0.
const RULES: { rule: string; sql: string }[] = [
	{
		rule: 'a stock level differs from the sum of its ledger movements',
		sql: `SELECT count(*) FROM stock_levels l LEFT JOIN (
				SELECT product_id, location_id, SUM(on_hand_delta) AS on_hand, SUM(reserved_delta) AS reserved
				FROM stock_movements GROUP BY product_id, location_id) m
				ON m.product_id = l.product_id AND m.location_id = l.location_id
			WHERE l.on_hand <> coalesce(m.on_hand, 0) OR l.reserved <> coalesce(m.reserved, 0)`
	},
	{
		rule: 'ledger movements without a stock level',
		sql: `SELECT count(*) FROM (SELECT DISTINCT product_id, location_id FROM stock_movements) m
			WHERE NOT EXISTS (SELECT 1 FROM stock_levels l
				WHERE l.product_id = m.product_id AND l.location_id = m.location_id)`
	},
	{
		rule: 'a stock level below zero available (oversold)',
		sql: `SELECT count(*) FROM stock_levels WHERE reserved > on_hand OR reserved < 0`
	},
	{
		rule: 'an order without any product line (partial)',
		sql: `SELECT count(*) FROM orders o WHERE NOT EXISTS (
				SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.kind = 'product')`
	},
	{
		// What an open order holds at a line's location is the sum of the reserved_delta of
		// the movements that carry its number (docs/architecture.md, the ledger contract).
		rule: 'an order whose reservations differ from its lines (or an order without its reservation)',
		sql: `SELECT count(*) FROM (
				SELECT l.order_id, l.product_id, l.location_id, SUM(l.quantity) AS wanted
				FROM order_lines l JOIN orders o ON o.id = l.order_id
				WHERE l.kind = 'product' AND o.status NOT IN ('cancelled', 'shipped', 'delivered')
				GROUP BY l.order_id, l.product_id, l.location_id) w
			JOIN orders o ON o.id = w.order_id
			WHERE w.wanted <> coalesce((SELECT SUM(m.reserved_delta) FROM stock_movements m
				WHERE m.reference = o.number AND m.product_id = w.product_id
					AND m.location_id = w.location_id), 0)`
	},
	{
		rule: 'a reservation that belongs to no order',
		sql: `SELECT count(*) FROM stock_movements m WHERE m.kind = 'reservation'
			AND m.reference IS NOT NULL
			AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.number = m.reference)`
	},
	{
		rule: "an order whose total is not the sum of its lines' nets",
		sql: `SELECT count(*) FROM orders o WHERE o.total_minor <> coalesce(
				(SELECT SUM(l.net_minor) FROM order_lines l WHERE l.order_id = o.id), -1)`
	},
	{
		rule: "an order whose subtotal is not the sum of its product lines' prices",
		sql: `SELECT count(*) FROM orders o WHERE o.subtotal_minor <> coalesce(
				(SELECT SUM(l.unit_price_minor * l.quantity) FROM order_lines l
					WHERE l.order_id = o.id AND l.kind = 'product'), -1)`
	},
	{
		rule: "an order without exactly one 'order.placed' timeline event",
		sql: `SELECT count(*) FROM orders o WHERE (SELECT count(*) FROM timeline_events e
				WHERE e.order_id = o.id AND e.kind = 'order.placed') <> 1`
	},
	{
		rule: "an order without exactly one 'order.place' audit entry",
		sql: `SELECT count(*) FROM orders o WHERE (SELECT count(*) FROM audit_log a
				WHERE a.target_type = 'order' AND a.target_id = o.id AND a.action = 'order.place') <> 1`
	},
	{
		// The number is taken in the placing batch: a failed batch takes none, so no gaps.
		rule: 'order numbers with a gap or not matching the counter',
		sql: `SELECT CASE WHEN count(*) = 0 THEN 0
				WHEN max(n) - min(n) + 1 <> count(*) THEN 1
				WHEN max(n) <> (SELECT value FROM counters WHERE name = 'order_number') THEN 1
				ELSE 0 END
			FROM (SELECT CAST(substr(number, 5) AS INTEGER) AS n FROM orders WHERE channel <> 'import')`
	}
];

export type Checked = {
	integrity: string;
	foreignKeyViolations: number;
	orders: number;
	violations: string[];
};

/** PRAGMA integrity_check, foreign keys, and every rule above; violations say which and how many. */
export async function checkInvariants(client: Client): Promise<Checked> {
	const integrity = (await client.execute('PRAGMA integrity_check')).rows
		.map((r) => String(r[0]))
		.join('; ');
	const foreignKeyViolations = (await client.execute('PRAGMA foreign_key_check')).rows.length;
	const violations: string[] = [];
	if (integrity !== 'ok') violations.push(`PRAGMA integrity_check: ${integrity}`);
	if (foreignKeyViolations > 0)
		violations.push(`PRAGMA foreign_key_check: ${foreignKeyViolations} rows`);
	for (const { rule, sql } of RULES) {
		const n = Number((await client.execute(sql)).rows[0]![0]);
		if (n !== 0) violations.push(`${rule}: ${n}`);
	}
	const orders = Number((await client.execute('SELECT count(*) FROM orders')).rows[0]![0]);
	return { integrity, foreignKeyViolations, orders, violations };
}

/** An order the API acknowledged with a 2xx, and what was asked for. */
export type Acknowledged = {
	id: string;
	number: string;
	totalMinor: number;
	lines: { productId: string; quantity: number }[];
	shipping: boolean;
};

/** Every acknowledged order is there, whole: its number, total, and each line as asked. */
export async function checkAcknowledged(client: Client, acked: Acknowledged[]): Promise<string[]> {
	const problems: string[] = [];
	for (let i = 0; i < acked.length; i += 500) {
		const chunk = acked.slice(i, i + 500);
		const rows = (
			await client.execute({
				sql: `SELECT o.id, o.number, o.total_minor AS total, json_group_array(json_array(
						l.kind, l.product_id, l.quantity)) AS lines
					FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id
					WHERE o.id IN (SELECT value FROM json_each(?)) GROUP BY o.id`,
				args: [JSON.stringify(chunk.map((a) => a.id))]
			})
		).rows;
		const found = new Map(rows.map((r) => [String(r.id), r]));
		for (const a of chunk) {
			const row = found.get(a.id);
			if (!row) {
				problems.push(`acknowledged order ${a.number} (${a.id}) is missing`);
				continue;
			}
			const lines = JSON.parse(String(row.lines)) as [string, string | null, number][];
			const products = lines.filter((l) => l[0] === 'product');
			const whole =
				row.number === a.number &&
				Number(row.total) === a.totalMinor &&
				products.length === a.lines.length &&
				lines.length === a.lines.length + (a.shipping ? 1 : 0) &&
				a.lines.every((w) => products.some((l) => l[1] === w.productId && l[2] === w.quantity));
			if (!whole)
				problems.push(`acknowledged order ${a.number} is not whole: ${String(row.lines)}`);
		}
	}
	return problems;
}
