import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../core/context';
import { Invalid } from '../../../core/errors';
import { mutate } from '../../../core/mutate';
import { auditEntry } from '../../audit/record';
import { isoTime } from '../../users/internal';
import { cardJson } from './list-duplicates';
import type { DismissDuplicate, DuplicatePair } from './schemas';

/**
 * "Not a duplicate": the pair is kept as dismissed, so the finder never proposes it again
 * (its writes skip decided pairs). A pair never proposed can be dismissed ahead. One batch.
 */
export async function dismissDuplicate({
	ctx,
	input
}: {
	ctx: Ctx;
	input: DismissDuplicate;
}): Promise<DuplicatePair> {
	if (input.a === input.b)
		throw new Invalid('invalid-pair', 'Choose two different customers', undefined, {
			b: ['Choose a different customer from a']
		});
	const [a, b] = [input.a, input.b].sort() as [string, string];
	const by = ctx.actor?.kind === 'user' ? ctx.actor.id : null;
	return mutate<DuplicatePair>(ctx, {
		writes: [
			ctx.db.run(sql`INSERT INTO target_checks (target, found)
				VALUES ('customer', (SELECT count(*) = 2 FROM customers WHERE id IN (${a}, ${b})))`),
			ctx.db
				.run(sql`INSERT INTO customer_duplicates (customer_a, customer_b, score, reasons, status, found_at, decided_by, decided_at)
				VALUES (${a}, ${b}, 0, '[]', 'dismissed', ${ctx.now}, ${by}, ${ctx.now})
				ON CONFLICT (customer_a, customer_b) DO UPDATE SET status = 'dismissed', decided_by = ${by}, decided_at = ${ctx.now}`),
			auditEntry(ctx, {
				action: 'customer.duplicate_dismiss',
				target: { type: 'customer', id: a },
				details: { a, b }
			})
		],
		result: sql`SELECT json_object('a', ${cardJson('ca')}, 'b', ${cardJson('cb')}, 'score', d.score,
				'reasons', json(d.reasons), 'status', d.status, 'foundAt', ${isoTime(sql`d.found_at`)})
			FROM customer_duplicates d JOIN customers ca ON ca.id = d.customer_a JOIN customers cb ON cb.id = d.customer_b
			WHERE d.customer_a = ${a} AND d.customer_b = ${b}`
	});
}
