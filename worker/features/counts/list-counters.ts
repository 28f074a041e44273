import { sql } from 'drizzle-orm';
import { ROLES } from '../../../db/schema/auth';
import { roleAllows } from '../../core/access/permissions';
import type { Ctx } from '../../core/context';
import type { Counters } from './schemas';

/** The people a count task can be given to: enabled accounts whose role may count. */
export async function listCounters({ ctx }: { ctx: Ctx }): Promise<Counters> {
	const roles = ROLES.filter((role) => roleAllows(role, 'inventory.adjust'));
	const items = await ctx.db.all<{ id: string; name: string; role: string }>(
		sql`SELECT id, name, role FROM users WHERE disabled_at IS NULL
			AND role IN (${sql.join(
				roles.map((r) => sql`${r}`),
				sql`, `
			)}) ORDER BY name LIMIT 500`
	);
	return { items };
}
