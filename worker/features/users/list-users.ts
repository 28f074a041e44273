import { sql } from 'drizzle-orm';
import { users } from '../../../db/schema/auth';
import type { Ctx } from '../../core/context';
import { staffAccountJson } from './internal';
import type { StaffAccount, StaffAccountList } from './schemas';

/**
 * Every staff account, active first, for the admin screen (PCI DSS 7.2.4: review who
 * holds which role; 8.2.6: spot accounts unused for 90 days by their last sign-in).
 * A shop has tens of staff, not thousands, so the list is not paged.
 */
export async function listUsers({ ctx }: { ctx: Ctx }): Promise<StaffAccountList> {
	const rows = await ctx.db.all<{ body: string }>(
		sql`SELECT ${staffAccountJson} AS body FROM ${users}
			ORDER BY ${users.disabledAt} IS NOT NULL, lower(${users.name}), ${users.email}`
	);
	return { items: rows.map((row) => JSON.parse(row.body) as StaffAccount) };
}
