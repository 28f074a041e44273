import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { retentionMonthsSql } from './internal';
import { RETENTION_MONTHS, type Retention } from './schemas';

/** How long audit entries are kept (PCI DSS 10.5.1), in whole months. */
export async function getRetention({ ctx }: { ctx: Ctx }): Promise<Retention> {
	const [row] = await ctx.db.all<{ months: number }>(sql`SELECT ${retentionMonthsSql} AS months`);
	return {
		months: Number(row?.months ?? RETENTION_MONTHS.default),
		minimum: RETENTION_MONTHS.minimum
	};
}
