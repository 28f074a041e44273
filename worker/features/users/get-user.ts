import { sql } from 'drizzle-orm';
import { users } from '../../../db/schema/auth';
import type { Ctx } from '../../core/context';
import { NotFound } from '../../core/errors';
import { activeSessionCount, staffAccountJson } from './internal';
import type { StaffAccountDetail } from './schemas';

/** One staff account with how many sessions it has open right now. */
export async function getUser({ ctx, id }: { ctx: Ctx; id: string }): Promise<StaffAccountDetail> {
	const [row] = await ctx.db.all<{ body: string }>(
		sql`SELECT json_set(${staffAccountJson}, '$.activeSessions', ${activeSessionCount(id, ctx.now)})
			AS body FROM ${users} WHERE ${users.id} = ${id}`
	);
	if (!row)
		throw new NotFound('user-not-found', 'No such staff account', `No account has id ${id}.`);
	return JSON.parse(row.body) as StaffAccountDetail;
}
