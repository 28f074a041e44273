import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { NotFound } from '../../core/errors';
import type { OrderSnapshot, SnapshotShipment } from './decide';
import { loadSnapshot } from './internal';

/** A shipment's order snapshot and the shipment in it; 404 when there is none. */
export async function loadShipment(
	ctx: Ctx,
	id: string,
	extra?: SQL
): Promise<{ s: OrderSnapshot; sh: SnapshotShipment; extra: unknown[] }> {
	const loaded = await loadSnapshot(
		ctx,
		sql`SELECT order_id FROM shipments WHERE id = ${id}`,
		extra
	);
	const sh = loaded.snapshot?.shipments.find((x) => x.id === id);
	if (!loaded.snapshot || !sh) throw new NotFound('shipment-not-found', 'No such shipment');
	return { s: loaded.snapshot, sh, extra: loaded.extra };
}
