import { asc } from 'drizzle-orm';
import { locations } from '../../../db/schema/inventory';
import type { Ctx } from '../../core/context';
import type { LocationList } from './schemas';

/** Every location by code: the from / to choices of a new transfer. */
export async function listLocations({ ctx }: { ctx: Ctx }): Promise<LocationList> {
	const items = await ctx.db
		.select({ id: locations.id, code: locations.code, name: locations.name })
		.from(locations)
		.orderBy(asc(locations.code));
	return { items };
}
