import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { returnSummaryJson } from './internal';
import type { ListReturns, ReturnPage, ReturnSummary } from './schemas';

/**
 * Returns, newest first, by status, customer or order (each an index: returns_status_created,
 * returns_customer_created, returns_order), or a RET-/ORD- number (the unique numbers).
 * Keyset paging on (created_at, id).
 */
export async function listReturns({
	ctx,
	input
}: {
	ctx: Ctx;
	input: ListReturns;
}): Promise<ReturnPage> {
	const where: SQL[] = [];
	if (input.status) where.push(sql`r.status = ${input.status}`);
	if (input.customerId) where.push(sql`r.customer_id = ${input.customerId}`);
	if (input.orderId) where.push(sql`r.order_id = ${input.orderId}`);
	if (input.q) {
		const q = input.q.toUpperCase();
		const digits = q.replace(/^(RET|ORD)-/, '');
		where.push(sql`(r.number IN (${q}, ${`RET-${digits}`})
			OR r.order_id IN (SELECT id FROM orders WHERE number IN (${q}, ${`ORD-${digits}`})))`);
	}
	if (input.cursor) {
		const [at, id] = input.cursor.split('~');
		where.push(
			sql`(r.created_at < ${Number(at)} OR (r.created_at = ${Number(at)} AND r.id < ${id}))`
		);
	}
	const limit = Number(input.limit);
	const rows = await ctx.db.all<{ s: string; createdAt: number }>(
		sql`SELECT ${returnSummaryJson} AS s, r.created_at AS createdAt FROM returns r
			${where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``}
			ORDER BY r.created_at DESC, r.id DESC LIMIT ${limit + 1}`
	);
	const items = rows.slice(0, limit).map((r) => JSON.parse(r.s) as ReturnSummary);
	const last = rows.length > limit ? rows[limit - 1] : undefined;
	return { items, nextCursor: last ? `${last.createdAt}~${items.at(-1)!.id}` : null };
}
