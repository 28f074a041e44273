import { sql, type SQL } from 'drizzle-orm';
import { actorId, type Ctx } from '../../core/context';
import { taskJson } from './internal';
import type { CountTaskList, ListCountTasks } from './schemas';

/**
 * Count tasks, newest first (at most 100): the caller's own and unassigned ones (`mine`,
 * open and submitted unless a status is given; indexed by assignee), a location's, or all, by status.
 */
export async function listTasks({
	ctx,
	input
}: {
	ctx: Ctx;
	input: ListCountTasks;
}): Promise<CountTaskList> {
	const where: SQL[] = [];
	// Mine: given to me, or to nobody (anyone may take an unassigned count).
	if (input.mine === 'true')
		where.push(sql`(t.assignee_id = ${actorId(ctx) ?? ''} OR t.assignee_id IS NULL)`);
	if (input.locationId) where.push(sql`t.location_id = ${input.locationId}`);
	if (input.status) where.push(sql`t.status = ${input.status}`);
	else if (input.mine === 'true') where.push(sql`t.status IN ('open', 'submitted')`);
	const filter = where.length ? sql.join(where, sql` AND `) : sql`1`;
	const rows = await ctx.db.all<{ task: string }>(
		taskJson(filter, sql`ORDER BY t.created_at DESC, t.id LIMIT 100`)
	);
	return { items: rows.map((r) => JSON.parse(r.task) as CountTaskList['items'][number]) };
}
