import { Hono } from 'hono';
import type { AppEnv } from '../../core/context';
import { getCtx } from '../../core/context';
import { deviceClockOffset } from '../../core/device-time';
import { doc } from '../../core/doc';
import { input } from '../../core/input';
import { permit } from '../../core/permit';
import { approveLine } from './approve-line';
import { createTask } from './create-task';
import { getTask } from './get-task';
import { listApprovals } from './list-approvals';
import { listCounters } from './list-counters';
import { listTasks } from './list-tasks';
import { recountLine } from './recount-line';
import {
	ApprovalQuery,
	ApprovalQueue,
	CountApproval,
	CountLine,
	CountTask,
	CountTaskDetail,
	CountTaskList,
	Counters,
	CreateCountTask,
	LineParams,
	ListCountTasks,
	SubmitCountLine,
	TaskParams
} from './schemas';
import { setTaskStatus } from './set-task-status';
import { submitLine } from './submit-line';
import { getThresholds, setThresholds } from './thresholds';

const tags = ['counts'];
const count = permit('inventory.adjust');
const manage = permit('inventory.count.manage');

export const countsRoutes = new Hono<AppEnv>()
	.post(
		'/tasks',
		manage,
		doc({
			summary: 'Ask for a count of a location, zone or bin',
			tags,
			status: 201,
			response: CountTask
		}),
		input('json', CreateCountTask),
		async (c) => c.json(await createTask({ ctx: getCtx(c), input: c.req.valid('json') }), 201)
	)
	.get(
		'/tasks',
		count,
		doc({ summary: 'Count tasks: mine, a location’s, by status', tags, response: CountTaskList }),
		input('query', ListCountTasks),
		async (c) => c.json(await listTasks({ ctx: getCtx(c), input: c.req.valid('query') }))
	)
	.get(
		'/tasks/:id',
		count,
		doc({
			summary: 'A count task and what to count (no system quantity when blind)',
			tags,
			response: CountTaskDetail
		}),
		input('param', TaskParams),
		async (c) => c.json(await getTask({ ctx: getCtx(c), id: c.req.valid('param').id }))
	)
	.post(
		'/tasks/:id/lines',
		count,
		doc({
			summary:
				'Submit a counted line (Idempotency-Key required; applied as of countedAt, corrected by Ordo-Sent-At)',
			tags,
			status: 201,
			response: CountLine
		}),
		input('param', TaskParams),
		input('json', SubmitCountLine),
		async (c) => {
			const ctx = getCtx(c);
			const line = await submitLine({
				ctx,
				taskId: c.req.valid('param').id,
				input: c.req.valid('json'),
				clockOffsetMs: deviceClockOffset(c, ctx.now)
			});
			return c.json(line, 201);
		}
	)
	.post(
		'/tasks/:id/submit',
		count,
		doc({ summary: 'Say a count task is done', tags, response: CountTask }),
		input('param', TaskParams),
		async (c) =>
			c.json(
				await setTaskStatus({ ctx: getCtx(c), id: c.req.valid('param').id, status: 'submitted' })
			)
	)
	.post(
		'/tasks/:id/close',
		manage,
		doc({ summary: 'Close a count task (it takes no more counts)', tags, response: CountTask }),
		input('param', TaskParams),
		async (c) =>
			c.json(await setTaskStatus({ ctx: getCtx(c), id: c.req.valid('param').id, status: 'closed' }))
	)
	.get(
		'/approvals',
		manage,
		doc({ summary: 'Counts waiting for a manager, oldest first', tags, response: ApprovalQueue }),
		input('query', ApprovalQuery),
		async (c) => c.json(await listApprovals({ ctx: getCtx(c), input: c.req.valid('query') }))
	)
	.post(
		'/lines/:id/approve',
		manage,
		doc({
			summary: 'Approve a waiting count: applied as of when it was counted',
			tags,
			response: CountLine
		}),
		input('param', LineParams),
		async (c) => c.json(await approveLine({ ctx: getCtx(c), id: c.req.valid('param').id }))
	)
	.post(
		'/lines/:id/recount',
		manage,
		doc({
			summary: 'Send a waiting count back for a recount (applies nothing)',
			tags,
			response: CountLine
		}),
		input('param', LineParams),
		async (c) => c.json(await recountLine({ ctx: getCtx(c), id: c.req.valid('param').id }))
	)
	.get(
		'/approval-thresholds',
		manage,
		doc({
			summary: 'Variance thresholds over which a count waits for a manager',
			tags,
			response: CountApproval
		}),
		async (c) => c.json(await getThresholds({ ctx: getCtx(c) }))
	)
	.put(
		'/approval-thresholds',
		permit('settings.manage'),
		doc({
			summary: 'Set the count variance thresholds (null: no limit)',
			tags,
			response: CountApproval
		}),
		input('json', CountApproval),
		async (c) => c.json(await setThresholds({ ctx: getCtx(c), input: c.req.valid('json') }))
	)
	.get(
		'/counters',
		manage,
		doc({ summary: 'People a count task can be given to', tags, response: Counters }),
		async (c) => c.json(await listCounters({ ctx: getCtx(c) }))
	);
