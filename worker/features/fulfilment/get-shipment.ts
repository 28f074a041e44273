import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { NotFound } from '../../core/errors';
import { shipmentJson, sortedShipment } from './internal';
import type { Shipment } from './schemas';

/** A shipment with its lines (bin order), address and order: the pick screen and the slip. */
export async function getShipment({ ctx, id }: { ctx: Ctx; id: string }): Promise<Shipment> {
	const rows = await ctx.db.all<{ body: string | null }>(sql`SELECT ${shipmentJson(id)} AS body`);
	const body = rows[0]?.body;
	if (!body) throw new NotFound('shipment-not-found', 'No such shipment');
	return sortedShipment(JSON.parse(body) as Shipment);
}
