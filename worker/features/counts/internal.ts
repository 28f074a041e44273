import { sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Ctx } from '../../core/context';

export const APPROVAL_KEY = 'inventory.count_approval';

export function iso(column: SQL | string): SQL {
	const c = typeof column === 'string' ? sql.raw(column) : column;
	return sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${c} / 1000.0, 'unixepoch')`;
}

/** The thresholds as JSON (null limits when never set: every count applies). */
export const thresholdsSql = sql`coalesce((SELECT json(value) FROM settings WHERE key = ${APPROVAL_KEY}),
	json_object('units', NULL, 'valueMinor', NULL))`;

/** Lines that count as "someone counted this here" for the two-device check. */
export const LIVE_LINE = sql.raw(`status IN ('applied', 'awaiting_approval')`);

/** A task's figures as one JSON object (alias t = count_tasks). */
export function taskJson(where: SQL, tail: SQL = sql``): SQL {
	return sql`SELECT json_object(
		'id', t.id, 'locationId', t.location_id, 'locationCode', l.code, 'locationName', l.name,
		'binPrefix', t.bin_prefix, 'assigneeId', t.assignee_id, 'assigneeName', u.name,
		'blind', json(CASE WHEN t.blind THEN 'true' ELSE 'false' END), 'status', t.status,
		'note', t.note, 'createdAt', ${iso('t.created_at')},
		'counted', (SELECT count(*) FROM count_lines c WHERE c.task_id = t.id),
		'awaiting', (SELECT count(*) FROM count_lines c WHERE c.task_id = t.id AND c.status = 'awaiting_approval')) AS task
		FROM count_tasks t JOIN locations l ON l.id = t.location_id
		LEFT JOIN users u ON u.id = t.assignee_id
		WHERE ${where} ${tail}`;
}

/**
 * A count line as JSON (alias c = count_lines). `reveal` is false for a blind task's
 * counter: expected and variance stay out, or the counter could work the system's
 * quantity back from them.
 */
export function lineJson(reveal: SQL | boolean): SQL {
	const show = typeof reveal === 'boolean' ? sql.raw(reveal ? '1' : '0') : reveal;
	return sql`json_patch(json_object(
		'id', c.id, 'taskId', c.task_id, 'productId', c.product_id, 'sku', p.sku, 'name', p.name,
		'locationId', c.location_id, 'bin', c.bin, 'counted', c.counted,
		'countedAt', ${iso('c.counted_at')}, 'currency', c.currency, 'deviceId', c.device_id,
		'countedById', c.counted_by_id,
		'countedByName', (SELECT name FROM users WHERE id = c.counted_by_id),
		'status', c.status, 'twoDevices', json(CASE WHEN c.two_devices THEN 'true' ELSE 'false' END),
		'movementId', c.movement_id,
		'decidedAt', CASE WHEN c.decided_at IS NULL THEN NULL ELSE ${iso('c.decided_at')} END),
		CASE WHEN ${show} THEN json_object('expected', c.expected, 'varianceUnits', c.variance_units,
			'varianceValueMinor', c.variance_value_minor) ELSE '{}' END)`;
}

export function lineById(id: string, reveal: SQL | boolean): SQL {
	return sql`(SELECT ${lineJson(reveal)} FROM count_lines c JOIN products p ON p.id = c.product_id
		WHERE c.id = ${id})`;
}

/** First in a batch: the task exists (404) and still takes counts (409). */
export function taskTakesCounts(
	ctx: Ctx,
	taskId: string
): [BatchItem<'sqlite'>, BatchItem<'sqlite'>] {
	return [
		ctx.db.run(sql`INSERT INTO target_checks (target, found)
			SELECT 'count_task', EXISTS (SELECT 1 FROM count_tasks WHERE id = ${taskId})`),
		ctx.db.run(sql`INSERT INTO preconditions (subject, held)
			SELECT 'count_task_open', EXISTS (SELECT 1 FROM count_tasks WHERE id = ${taskId}
				AND status IN ('open', 'submitted'))`)
	];
}
