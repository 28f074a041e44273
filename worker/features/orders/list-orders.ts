import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { fromOrders, summaryJson } from './internal';
import type { ListOrders, OrderPage, OrderSummary } from './schemas';

const DAY_MS = 86_400_000;
const ORDER_NUMBER = /^(ORD-)?\d{1,12}$/i;

/**
 * Orders newest first, filtered, with keyset paging on (placed_at, id) so a page is one
 * indexed range read however deep it is. Each filter has its index: number (unique),
 * status (orders_status_placed), customer (orders_customer_placed, customers_email /
 * customers_phone), SKU (order_lines_sku), dates (orders_placed).
 */
export async function listOrders({
	ctx,
	input
}: {
	ctx: Ctx;
	input: ListOrders;
}): Promise<OrderPage> {
	const where: SQL[] = [];
	const q = input.q;
	if (q) {
		const byCustomer = sql`o.customer_id IN (
			SELECT id FROM customers WHERE email = ${q.toLowerCase()} OR phone = ${q}
			UNION SELECT id FROM customers WHERE name LIKE ${`${q.replace(/[%_\\]/g, '\\$&')}%`} ESCAPE '\\')`;
		where.push(
			ORDER_NUMBER.test(q)
				? sql`(o.number = ${q.toUpperCase()} OR o.number = ${`ORD-${q.replace(/^ORD-/i, '')}`} OR ${byCustomer})`
				: byCustomer
		);
	}
	if (input.status) where.push(sql`o.status = ${input.status}`);
	if (input.customerId) where.push(sql`o.customer_id = ${input.customerId}`);
	if (input.sku)
		where.push(sql`o.id IN (SELECT order_id FROM order_lines WHERE sku = ${input.sku})`);
	if (input.from) where.push(sql`o.placed_at >= ${Date.parse(`${input.from}T00:00:00Z`)}`);
	if (input.to) where.push(sql`o.placed_at < ${Date.parse(`${input.to}T00:00:00Z`) + DAY_MS}`);
	if (input.cursor) {
		const [at, id] = input.cursor.split('~') as [string, string];
		where.push(sql`(o.placed_at, o.id) < (${Number(at)}, ${id})`);
	}
	const limit = Number(input.limit);
	const rows = await ctx.db.all<{ summary: string; placedAt: number }>(
		sql`SELECT ${summaryJson} AS summary, o.placed_at AS placedAt FROM ${fromOrders}
			${where.length > 0 ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``}
			ORDER BY o.placed_at DESC, o.id DESC LIMIT ${limit + 1}`
	);
	const page = rows.slice(0, limit).map((r) => ({
		item: JSON.parse(r.summary) as OrderSummary,
		placedAt: r.placedAt
	}));
	const last = page.at(-1);
	return {
		items: page.map((p) => p.item),
		nextCursor: rows.length > limit && last ? `${last.placedAt}~${last.item.id}` : null
	};
}
