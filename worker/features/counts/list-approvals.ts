import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { iso, lineJson } from './internal';
import type { ApprovalQuery, ApprovalQueue } from './schemas';

/**
 * Counts waiting for a manager, oldest first (the partial `count_lines_awaiting` indexes),
 * each with the other counts of the same product × location in its task, so a two-device
 * pair is seen side by side.
 */
export async function listApprovals({
	ctx,
	input
}: {
	ctx: Ctx;
	input: ApprovalQuery;
}): Promise<ApprovalQueue> {
	const where = input.locationId
		? sql`c.status = 'awaiting_approval' AND c.location_id = ${input.locationId}`
		: sql`c.status = 'awaiting_approval'`;
	const rows = await ctx.db.all<{ item: string }>(sql`SELECT json_patch(${lineJson(true)},
		json_object('locationCode', l.code, 'others', (SELECT json_group_array(json_object('id', o.id,
			'deviceId', o.device_id, 'counted', o.counted, 'countedAt', ${iso('o.counted_at')},
			'status', o.status)) FROM count_lines o WHERE o.task_id = c.task_id
			AND o.product_id = c.product_id AND o.location_id = c.location_id AND o.id != c.id))) AS item
		FROM count_lines c JOIN products p ON p.id = c.product_id JOIN locations l ON l.id = c.location_id
		WHERE ${where} ORDER BY c.counted_at, c.id LIMIT 200`);
	return { items: rows.map((r) => JSON.parse(r.item) as ApprovalQueue['items'][number]) };
}
