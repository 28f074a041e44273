import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import { taskJson, taskTakesCounts } from './internal';
import type { CountTask } from './schemas';

/**
 * The counter says they are done (`submitted`: counts still syncing are taken), or a
 * manager closes the task (`closed`: no more counts). One batch; a closed task is a 409.
 */
export async function setTaskStatus({
	ctx,
	id,
	status
}: {
	ctx: Ctx;
	id: string;
	status: 'submitted' | 'closed';
}): Promise<CountTask> {
	return mutate<CountTask>(ctx, {
		writes: [
			...taskTakesCounts(ctx, id),
			ctx.db.run(sql`UPDATE count_tasks SET status = ${status}, updated_at = ${ctx.now}
				WHERE id = ${id}`),
			auditEntry(ctx, {
				action: status === 'closed' ? 'inventory.count_task_close' : 'inventory.count_task_submit',
				target: { type: 'count_task', id }
			})
		],
		result: sql`(${taskJson(sql`t.id = ${id}`)})`
	});
}
