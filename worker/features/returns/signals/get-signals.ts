import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../../core/context';
import { NotFound } from '../../../core/errors';
import { detectReturnSignals, type SignalFigures, type SignalReturn } from './detect';
import type { ReturnSignals } from './schemas';
import { SIGNALS_KEY, thresholdsFrom } from './thresholds';

const DAY = 86_400_000;
const ALL_STATUSES = sql.raw(
	`('held', 'requested', 'authorised', 'partially_received', 'received', 'inspected', 'resolved', 'rejected', 'cancelled', 'expired')`
);
const COUNTS = sql.raw(`rl.status NOT IN ('cancelled', 'rejected', 'expired')`);

/**
 * A customer's return-abuse signals: the thresholds, the customer's and the shop's
 * figures, and the customer's returns and claims in the window, read in ONE batch (each
 * query by an index: orders_customer_placed / orders_placed, returns_customer_created /
 * returns_status_created, then primary keys and return_receipts_return); then the pure
 * detectReturnSignals() decides.
 */
export async function getReturnSignals({
	ctx,
	customerId
}: {
	ctx: Ctx;
	customerId: string;
}): Promise<ReturnSignals> {
	const { db } = ctx;
	const [head, rate, rows] = await db.batch([
		db.all<{ exists: number; setting: string | null }>(
			sql`SELECT EXISTS (SELECT 1 FROM customers WHERE id = ${customerId}) AS "exists",
				(SELECT value FROM settings WHERE key = ${SIGNALS_KEY}) AS setting`
		),
		db.all<Omit<SignalFigures, 'returns'>>(rateQuery(customerId, windowStart(ctx.now))),
		db.all<{ r: string }>(returnsQuery(customerId, windowStart(ctx.now)))
	]);
	if (!head[0]?.exists)
		throw new NotFound(
			'customer-not-found',
			'No such customer',
			`No customer has id ${customerId}.`
		);
	const thresholds = thresholdsFrom(head[0].setting ? JSON.parse(head[0].setting) : null);
	const wear = thresholds.wearProne.categories;
	const returns = rows.map((row) => {
		const { categories, ...r } = JSON.parse(row.r) as SignalReturn & { categories: string[] };
		return { ...r, wearProne: categories.some((c) => wear.includes(c)) };
	});
	const flags = detectReturnSignals({ ...rate[0]!, returns }, thresholds);
	return {
		customerId,
		windowDays: thresholds.windowDays,
		needsManager: flags.some((f) => f.severity === 'manager'),
		flags
	};
}

/**
 * The window's first instant, in SQL: the setting's windowDays when it is a sensible
 * whole number (as thresholds.ts accepts it), 90 otherwise, so one batch needs no
 * earlier read of the setting.
 */
function windowStart(now: number) {
	const days = sql`(SELECT json_extract(value, '$.windowDays') FROM settings WHERE key = ${SIGNALS_KEY})`;
	return sql`(${now} - (CASE WHEN typeof(${days}) = 'integer' AND ${days} BETWEEN 1 AND 730
		THEN ${days} ELSE 90 END) * ${DAY})`;
}

function returnsQuery(customerId: string, from: SQL) {
	return sql`SELECT json_object('id', r.id, 'number', r.number, 'orderId', r.order_id,
		'orderNumber', o.number, 'kind', r.kind,
		'daysAfterDelivery', CAST((r.created_at - coalesce(
			(SELECT max(s.delivered_at) FROM shipments s WHERE s.order_id = r.order_id),
			(SELECT max(s.shipped_at) FROM shipments s WHERE s.order_id = r.order_id),
			o.placed_at)) / ${DAY} AS INTEGER),
		'wearProne', json('false'),
		'categories', (SELECT json_group_array(DISTINCT p.category) FROM return_lines rl
			JOIN products p ON p.id = rl.product_id
			WHERE rl.return_id = r.id AND p.category IS NOT NULL AND ${COUNTS}),
		'notReceived', json(CASE WHEN EXISTS (SELECT 1 FROM return_lines rl WHERE rl.return_id = r.id
			AND rl.reason_code IN ('lost_parcel', 'missing_item') AND ${COUNTS}) THEN 'true' ELSE 'false' END),
		'keepItemUnits', (SELECT coalesce(sum(rl.quantity), 0) FROM return_lines rl
			WHERE rl.return_id = r.id AND rl.outcome = 'keep_item'),
		'unexpectedUnits', (SELECT coalesce(sum(rr.quantity), 0) FROM return_receipts rr
			WHERE rr.return_id = r.id AND rr.expected = 0)) AS r
		FROM returns r LEFT JOIN orders o ON o.id = r.order_id
		WHERE r.customer_id = ${customerId} AND r.created_at >= ${from}
		ORDER BY r.created_at DESC`;
}

/** Units shipped and units returned in the window: the customer's, and the whole shop's. */
function rateQuery(customerId: string, from: SQL) {
	const bought = (who: SQL) =>
		// CROSS JOIN keeps orders outer (by orders_customer_placed / orders_placed): left to
		// itself, SQLite scanned every order line for the shop's figure.
		sql`(SELECT coalesce(sum(ol.quantity_shipped), 0) FROM orders o
			CROSS JOIN order_lines ol ON ol.order_id = o.id AND ol.kind = 'product'
			WHERE ${who} o.placed_at >= ${from})`;
	const returned = (who: SQL) =>
		sql`(SELECT coalesce(sum(rl.quantity), 0) FROM returns r
			JOIN return_lines rl ON rl.return_id = r.id
			WHERE ${who} r.created_at >= ${from} AND r.kind = 'return' AND ${COUNTS})`;
	return sql`SELECT ${bought(sql`o.customer_id = ${customerId} AND`)} AS unitsBought,
		${returned(sql`r.customer_id = ${customerId} AND`)} AS unitsReturned,
		${bought(sql``)} AS shopUnitsBought,
		${returned(sql`r.status IN ${ALL_STATUSES} AND`)} AS shopUnitsReturned`;
}
