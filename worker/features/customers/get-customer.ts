import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { NotFound } from '../../core/errors';
import { profileOf } from './internal';
import type { CustomerProfile } from './schemas';

/** One profile in one query; a tombstone answers with `mergedInto` so old links resolve. */
export async function getCustomer({ ctx, id }: { ctx: Ctx; id: string }): Promise<CustomerProfile> {
	const rows = await ctx.db.all<{ body: string | null }>(sql`SELECT (${profileOf(id)}) AS body`);
	const body = rows[0]?.body;
	if (!body)
		throw new NotFound('customer-not-found', 'No such customer', `No customer has id ${id}.`);
	return JSON.parse(body) as CustomerProfile;
}
