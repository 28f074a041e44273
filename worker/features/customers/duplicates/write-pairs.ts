import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../core/context';

export type PairRow = { a: string; b: string; score: number; reasons: string[] };

/**
 * One batch: the open pairs of the rescored customers are replaced by what was found now;
 * a pair a person dismissed (or merged) stays as decided and is never proposed again;
 * the queue rows that were looked at go, unless the customer changed again meanwhile.
 */
export async function writePairs(
	ctx: Ctx,
	{
		rescored,
		pairs,
		done
	}: { rescored: 'all' | string[]; pairs: PairRow[]; done: 'all' | { id: string; at: number }[] }
): Promise<void> {
	const ids = JSON.stringify(rescored);
	const clear =
		rescored === 'all'
			? sql`DELETE FROM customer_duplicates WHERE status = 'open'`
			: sql`DELETE FROM customer_duplicates WHERE status = 'open' AND (
				customer_a IN (SELECT value FROM json_each(${ids}))
				OR customer_b IN (SELECT value FROM json_each(${ids})))`;
	const dequeue =
		done === 'all'
			? sql`DELETE FROM customer_duplicate_queue WHERE queued_at <= ${ctx.now}`
			: sql`DELETE FROM customer_duplicate_queue WHERE EXISTS (
				SELECT 1 FROM json_each(${JSON.stringify(done)}) d
				WHERE d.value->>'id' = customer_id AND queued_at <= d.value->>'at')`;
	const inserts = [];
	// Bound each statement's JSON so a full scan of a large shop stays within libSQL's limits.
	for (let i = 0; i < pairs.length; i += 2000) {
		const chunk = JSON.stringify(pairs.slice(i, i + 2000));
		inserts.push(
			ctx.db
				.run(sql`INSERT INTO customer_duplicates (customer_a, customer_b, score, reasons, status, found_at)
				SELECT p.value->>'a', p.value->>'b', p.value->>'score', json(p.value->'reasons'), 'open', ${ctx.now}
				FROM json_each(${chunk}) p WHERE true
				ON CONFLICT (customer_a, customer_b) DO NOTHING`)
		);
	}
	await ctx.db.batch([ctx.db.run(clear), ...inserts, ctx.db.run(dequeue)]);
}
