import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { summaryJson } from './internal';
import type { ListOrders, OrderPage, OrderSummary } from './schemas';

const DAY_MS = 86_400_000;
const ORDER_NUMBER = /^(ORD-)?\d{1,12}$/i;
// How many of the newest orders (within the range filters) a broad search walks before it
// falls back to its index: a filter that matches at least 1 in 80 orders fills a page there.
const WALK = 2_000;
// "Broad": at least this many customers whose name starts so, or order lines with the SKU.
const BROAD_CUSTOMERS = 200;
const BROAD_LINES = 5_000;

/**
 * A filter on who or what an order is for, in one form per plan (see listOrders): a test
 * of one order, the set of matching orders through an index, and whether it matches so
 * many that walking the newest orders is the cheaper way to a page (a capped count).
 */
type Membership = { perRow: (w: SQL) => SQL; asSet: SQL; broad: SQL };

function byText(q: string): Membership {
	const like = `${q.replace(/[%_\\]/g, '\\$&')}%`;
	const customer = sql`c.email = ${q.toLowerCase()} OR c.phone = ${q} OR c.name LIKE ${like} ESCAPE '\\'`;
	const inSet = sql`o.customer_id IN (
		SELECT id FROM customers WHERE email = ${q.toLowerCase()} OR phone = ${q}
		UNION SELECT id FROM customers WHERE name LIKE ${like} ESCAPE '\\')`;
	const perRow = (w: SQL) =>
		sql`EXISTS (SELECT 1 FROM customers c WHERE c.id = ${w}.customer_id AND (${customer}))`;
	const broad = sql`(SELECT count(*) FROM (SELECT 1 FROM customers
		WHERE name LIKE ${like} ESCAPE '\\' LIMIT ${BROAD_CUSTOMERS})) >= ${BROAD_CUSTOMERS}`;
	if (!ORDER_NUMBER.test(q)) return { perRow, asSet: inSet, broad };
	// A number names one order: the index finds it; never walk for it.
	const numbers = [q.toUpperCase(), `ORD-${q.replace(/^ORD-/i, '')}`];
	return {
		perRow: () => sql`0`,
		asSet: sql`(o.number IN (${numbers[0]}, ${numbers[1]}) OR ${inSet})`,
		broad: sql`0`
	};
}

function bySku(sku: string): Membership {
	return {
		perRow: (w) =>
			sql`EXISTS (SELECT 1 FROM order_lines l WHERE l.sku = ${sku} AND l.order_id = ${w}.id)`,
		asSet: sql`o.id IN (SELECT order_id FROM order_lines WHERE sku = ${sku})`,
		broad: sql`(SELECT count(*) FROM (SELECT 1 FROM order_lines
			WHERE sku = ${sku} LIMIT ${BROAD_LINES})) >= ${BROAD_LINES}`
	};
}

const and = (parts: SQL[]) =>
	parts.length > 0 ? sql`WHERE ${sql.join(parts, sql` AND `)}` : sql``;
const newest = (t: SQL) => sql`ORDER BY ${t}.placed_at DESC, ${t}.id DESC`;
const NEWEST = newest(sql`o`);
// An SKU's orders found by id: the planner takes the primary key and reads every order's
// row for its placed_at; this index has it (at 1M orders, 10 ms -> 0.3 ms for 300 orders).
const BY_ID = sql`INDEXED BY orders_id_placed`;
// The walked window, named apart from `orders o` so a plan reads which is which.
const W = sql`w`;

/**
 * Orders newest first, filtered, with keyset paging on (placed_at, id) so a page is one
 * indexed range read however deep it is. The page is chosen on ids alone (the indexes
 * carry placed_at and id), and only its rows are joined and turned into JSON.
 *
 * Range filters (status, customer, dates, cursor) each have an index that yields orders
 * newest first. A search by name, email, phone, number or SKU is a membership test, and
 * the best plan depends on how many orders match: "Barbara" matches thousands of
 * customers (walking the newest orders finds a page at once; reading every match through
 * the index and sorting them costs tens of ms at 1M orders), while "Barbara Wood", an email
 * or one SKU match a few hundred (the index is right; a walk would read far). So one
 * statement holds both: when a capped count says every membership filter is broad, walk
 * the newest WALK orders testing each, and when that did not fill the page, read the
 * matches through their indexes. The choice is made in each LIMIT (evaluated once, before
 * its loop; LIMIT 0 runs none of it): a WHERE on a subquery would be tested row by row. Either way the page is exactly the newest matches (bench/README.md, figures).
 * The walk relies on SQLite reading a co-routine in its ORDER BY's order, as it does.
 */
export async function listOrders({
	ctx,
	input
}: {
	ctx: Ctx;
	input: ListOrders;
}): Promise<OrderPage> {
	const range: SQL[] = [];
	if (input.status) range.push(sql`o.status = ${input.status}`);
	if (input.customerId) range.push(sql`o.customer_id = ${input.customerId}`);
	if (input.from) range.push(sql`o.placed_at >= ${Date.parse(`${input.from}T00:00:00Z`)}`);
	if (input.to) range.push(sql`o.placed_at < ${Date.parse(`${input.to}T00:00:00Z`) + DAY_MS}`);
	if (input.cursor) {
		const [at, id] = input.cursor.split('~') as [string, string];
		range.push(sql`(o.placed_at, o.id) < (${Number(at)}, ${id})`);
	}
	const members: Membership[] = [];
	if (input.q) members.push(byText(input.q));
	if (input.sku) members.push(bySku(input.sku));

	const n = Number(input.limit) + 1;
	const page =
		members.length === 0
			? sql`SELECT o.id FROM orders o ${and(range)} ${NEWEST} LIMIT ${n}`
			: sql`WITH walked AS (
					SELECT w.id FROM (SELECT o.id, o.placed_at, o.customer_id FROM orders o
						${and(range)} ${NEWEST} LIMIT ${WALK}) w
					${and(members.map((m) => m.perRow(W)))}
					LIMIT (CASE WHEN ${sql.join(
						members.map((m) => m.broad),
						sql` AND `
					)} THEN ${n} ELSE 0 END))
				SELECT id FROM walked WHERE (SELECT count(*) FROM walked) = ${n}
				UNION ALL
				SELECT id FROM (SELECT o.id FROM orders o ${input.sku ? BY_ID : sql``} ${and([...range, ...members.map((m) => m.asSet)])}
					${NEWEST} LIMIT (CASE WHEN (SELECT count(*) FROM walked) < ${n} THEN ${n} ELSE 0 END))`;
	const rows = await ctx.db.all<{ summary: string; placedAt: number }>(
		sql`SELECT ${summaryJson} AS summary, o.placed_at AS placedAt
			FROM (${page}) page
			CROSS JOIN orders o ON o.id = page.id LEFT JOIN customers c ON c.id = o.customer_id
			${NEWEST}`
	);
	const limit = n - 1;
	const items = rows.slice(0, limit).map((r) => ({
		item: JSON.parse(r.summary) as OrderSummary,
		placedAt: r.placedAt
	}));
	const last = items.at(-1);
	return {
		items: items.map((p) => p.item),
		nextCursor: rows.length > limit && last ? `${last.placedAt}~${last.item.id}` : null
	};
}
