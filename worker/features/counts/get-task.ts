import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { NotFound } from '../../core/errors';
import { taskJson } from './internal';
import type { CountTask, CountTaskDetail } from './schemas';

const PAGE = 500;

type ItemRow = {
	productId: string;
	sku: string;
	barcode: string | null;
	name: string;
	bin: string | null;
	onHand: number;
	last: string | null;
};

/**
 * A task with what to count: the products stocked at its location whose bin starts with
 * its prefix (the (location_id, bin) index), in bin order, each with its latest count in
 * the task. A blind task's items carry no `expected`: the server leaves it out, so no
 * screen (or curious client) can show it.
 */
export async function getTask({ ctx, id }: { ctx: Ctx; id: string }): Promise<CountTaskDetail> {
	const { db } = ctx;
	const prefix = sql`(SELECT bin_prefix FROM count_tasks WHERE id = ${id})`;
	const [tasks, rows] = await db.batch([
		db.all<{ task: string }>(taskJson(sql`t.id = ${id}`)),
		db.all<ItemRow>(sql`SELECT s.product_id AS productId, p.sku, p.barcode, p.name, s.bin,
			s.on_hand AS onHand,
			(SELECT json_object('lineId', c.id, 'counted', c.counted, 'status', c.status,
				'twoDevices', json(CASE WHEN c.two_devices THEN 'true' ELSE 'false' END))
				FROM count_lines c WHERE c.task_id = ${id} AND c.product_id = s.product_id
				AND c.location_id = s.location_id ORDER BY c.created_at DESC, c.id LIMIT 1) AS last
			FROM stock_levels s JOIN products p ON p.id = s.product_id
			WHERE s.location_id = (SELECT location_id FROM count_tasks WHERE id = ${id})
			AND (${prefix} IS NULL OR (s.bin >= ${prefix} AND s.bin < ${prefix} || char(1114111)))
			AND p.active
			ORDER BY s.bin IS NULL, s.bin, p.sku LIMIT ${PAGE + 1}`)
	]);
	const row = tasks[0];
	if (!row)
		throw new NotFound('count-task-not-found', 'No such count task', `No count task has id ${id}.`);
	const task = JSON.parse(row.task) as CountTask;
	const items = rows.slice(0, PAGE).map(({ onHand, last, ...item }) => ({
		...item,
		...(task.blind ? {} : { expected: onHand }),
		last: last ? (JSON.parse(last) as CountTaskDetail['items'][number]['last']) : null
	}));
	return { ...task, items, truncated: rows.length > PAGE };
}
