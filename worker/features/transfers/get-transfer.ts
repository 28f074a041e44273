import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { NotFound } from '../../core/errors';
import { transferJson } from './internal';
import type { Transfer } from './schemas';

/** One transfer with its lines, what arrived and what is still in transit. One query. */
export async function getTransfer({ ctx, id }: { ctx: Ctx; id: string }): Promise<Transfer> {
	const row = await ctx.db.get<{ body: string | null }>(sql`SELECT ${transferJson(id)} AS body`);
	if (!row?.body)
		throw new NotFound('transfer-not-found', 'No such transfer', `No transfer has id ${id}.`);
	return JSON.parse(row.body) as Transfer;
}
