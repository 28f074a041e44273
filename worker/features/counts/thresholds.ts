import { sql } from 'drizzle-orm';
import { auditLog } from '../../../db/schema/audit';
import { settings } from '../../../db/schema/settings';
import { actorId, type Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { auditValues } from '../audit/record';
import { APPROVAL_KEY, thresholdsSql } from './internal';
import type { CountApproval } from './schemas';

/** The variance thresholds over which a count waits for a manager (no limits by default). */
export async function getThresholds({ ctx }: { ctx: Ctx }): Promise<CountApproval> {
	const [row] = await ctx.db.all<{ t: string }>(sql`SELECT ${thresholdsSql} AS t`);
	return JSON.parse(row!.t) as CountApproval;
}

/**
 * Sets them. A policy change, audited as `settings.change` with the old and new value: the
 * entry goes first in the batch so its `from` reads the value being replaced.
 */
export async function setThresholds({
	ctx,
	input
}: {
	ctx: Ctx;
	input: CountApproval;
}): Promise<CountApproval> {
	const { db, now } = ctx;
	const value = { units: input.units, valueMinor: input.valueMinor };
	const change = { value, updatedAt: now, updatedBy: actorId(ctx) };
	return mutate<CountApproval>(ctx, {
		writes: [
			db.insert(auditLog).values({
				...auditValues(ctx, {
					action: 'settings.change',
					target: { type: 'setting', id: APPROVAL_KEY }
				}),
				details: sql`json_object('key', ${APPROVAL_KEY}, 'from', json(${thresholdsSql}),
					'to', json(${JSON.stringify(value)}))`
			}),
			db
				.insert(settings)
				.values({ key: APPROVAL_KEY, ...change })
				.onConflictDoUpdate({ target: settings.key, set: change })
		],
		result: thresholdsSql
	});
}
