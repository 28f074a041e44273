import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import type { Locations } from './schemas';

/** Where a picker can work: every location, by code. */
export async function listLocations({ ctx }: { ctx: Ctx }): Promise<Locations> {
	const items = await ctx.db.all<{ id: string; code: string; name: string }>(
		sql`SELECT id, code, name FROM locations ORDER BY code`
	);
	return { items };
}
