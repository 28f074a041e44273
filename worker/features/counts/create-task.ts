import { sql } from 'drizzle-orm';
import { countTasks } from '../../../db/schema/counts';
import { actorId, type Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import { taskJson } from './internal';
import type { CountTask, CreateCountTask } from './schemas';

/**
 * A manager asks for a count: a location, optionally one zone or bin (a prefix), for one
 * person or anyone. An unknown location or person fails the batch on its foreign key (422).
 */
export async function createTask({
	ctx,
	input
}: {
	ctx: Ctx;
	input: CreateCountTask;
}): Promise<CountTask> {
	const id = crypto.randomUUID();
	const binPrefix = input.binPrefix ? input.binPrefix.toUpperCase() : null;
	return mutate<CountTask>(ctx, {
		status: 201,
		writes: [
			ctx.db.insert(countTasks).values({
				id,
				locationId: input.locationId,
				binPrefix,
				assigneeId: input.assigneeId ?? null,
				blind: input.blind,
				note: input.note || null,
				createdById: actorId(ctx),
				createdAt: ctx.now,
				updatedAt: ctx.now
			}),
			auditEntry(ctx, {
				action: 'inventory.count_task_create',
				target: { type: 'count_task', id },
				details: {
					locationId: input.locationId,
					binPrefix,
					assigneeId: input.assigneeId ?? null,
					blind: input.blind
				}
			})
		],
		result: sql`(${taskJson(sql`t.id = ${id}`)})`
	});
}
