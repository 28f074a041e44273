import { sql } from 'drizzle-orm';
import { actorId, type Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import { lineById } from './internal';
import type { CountLine } from './schemas';

/**
 * A manager sends a waiting count back: nothing is applied, and the counter's screen shows
 * the product as "recount". One batch: the line must exist (404) and still wait (409).
 */
export async function recountLine({ ctx, id }: { ctx: Ctx; id: string }): Promise<CountLine> {
	const { db } = ctx;
	return mutate<CountLine>(ctx, {
		writes: [
			db.run(sql`INSERT INTO target_checks (target, found)
				SELECT 'count_line', EXISTS (SELECT 1 FROM count_lines WHERE id = ${id})`),
			db.run(sql`INSERT INTO preconditions (subject, held) SELECT 'count_line_awaiting',
				EXISTS (SELECT 1 FROM count_lines WHERE id = ${id} AND status = 'awaiting_approval')`),
			db.run(sql`UPDATE count_lines SET status = 'recount', decided_by_id = ${actorId(ctx)},
				decided_at = ${ctx.now}, version = version + 1, updated_at = ${ctx.now} WHERE id = ${id}`),
			auditEntry(ctx, { action: 'inventory.count_recount', target: { type: 'count_line', id } })
		],
		result: lineById(id, true)
	});
}
