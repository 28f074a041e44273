import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { summaryJson } from './internal';
import type { ListTransfers, TransferPage } from './schemas';

type Row = { body: string; createdAt: number; id: string };

/**
 * Transfers newest first, all, one status or the open ones (what is in transit), keyset
 * paged on (created_at, id): indexes transfers_created and transfers_status_created.
 * One query; one row more than the page says whether there is another.
 */
export async function listTransfers({
	ctx,
	input
}: {
	ctx: Ctx;
	input: ListTransfers;
}): Promise<TransferPage> {
	const limit = input.limit;
	const [at, id] = input.cursor ? input.cursor.split('~') : [];
	const status =
		input.status === 'open'
			? sql`t.status IN ('sent', 'partially_received')`
			: input.status
				? sql`t.status = ${input.status}`
				: sql`1`;
	const after = input.cursor ? sql`(t.created_at, t.id) < (${Number(at)}, ${id})` : sql`1`;
	const rows = await ctx.db.all<Row>(
		sql`SELECT ${summaryJson} AS body, t.created_at AS createdAt, t.id
			FROM transfers t WHERE ${status} AND ${after}
			ORDER BY t.created_at DESC, t.id DESC LIMIT ${limit + 1}`
	);
	const shown = rows.slice(0, limit);
	const last = shown.at(-1);
	return {
		items: shown.map((r) => JSON.parse(r.body) as TransferPage['items'][number]),
		nextCursor: rows.length > limit && last ? `${last.createdAt}~${last.id}` : null
	};
}
