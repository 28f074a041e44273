import { sql } from 'drizzle-orm';
import { auditLog } from '../../../db/schema/audit';
import { settings } from '../../../db/schema/settings';
import { actorId, type Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { RETENTION_KEY, retentionMonthsSql } from './internal';
import { auditValues } from './record';
import { RETENTION_MONTHS, type Retention, type SetRetention } from './schemas';

/**
 * Changes how long audit entries are kept. A policy change, so it is audited as
 * `settings.change` with the old and new value; the entry is written first in the batch
 * so its `from` reads the value being replaced, with no read beforehand.
 */
export async function setRetention({
	ctx,
	input
}: {
	ctx: Ctx;
	input: SetRetention;
}): Promise<Retention> {
	const { db, now } = ctx;
	const target = { type: 'setting', id: RETENTION_KEY };
	const change = { value: input.months, updatedAt: now, updatedBy: actorId(ctx) };
	return mutate<Retention>(ctx, {
		writes: [
			db.insert(auditLog).values({
				...auditValues(ctx, { action: 'settings.change', target }),
				details: sql`json_object('key', ${RETENTION_KEY}, 'from', ${retentionMonthsSql},
					'to', ${input.months})`
			}),
			db
				.insert(settings)
				.values({ key: RETENTION_KEY, ...change })
				.onConflictDoUpdate({ target: settings.key, set: change })
		],
		result: sql`json_object('months', ${retentionMonthsSql}, 'minimum', ${RETENTION_MONTHS.minimum})`
	});
}
