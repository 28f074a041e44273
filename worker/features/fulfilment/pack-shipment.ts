import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import { decidePack, decideOrderMove } from './decide';
import {
	shipmentIs,
	orderUnchanged,
	shipmentJson,
	sortedShipment,
	timelineEvent
} from './internal';
import { loadShipment } from './shipment-snapshot';
import { stale } from './stale';
import type { PackShipment, Shipment } from './schemas';

/**
 * Closes the tote: a shipment whose every line is picked is packed; with `partial` what
 * is picked is packed and the rest goes back to the pick list for a later shipment.
 */
export async function packShipment({
	ctx,
	shipmentId,
	input
}: {
	ctx: Ctx;
	shipmentId: string;
	input: PackShipment;
}): Promise<Shipment> {
	const { db } = ctx;
	const { s, sh } = await loadShipment(ctx, shipmentId);
	stale(sh, input.expectedVersion);
	const { keep, drop } = decidePack(sh, input.partial);
	const after = decideOrderMove({
		...s,
		shipments: s.shipments.map((x) =>
			x.id === sh.id
				? { ...x, status: 'packed', lines: keep.map((l) => ({ ...l, quantity: l.pickedQuantity })) }
				: x
		)
	});
	const units = keep.reduce((n, l) => n + l.pickedQuantity, 0);
	const dropList = drop.length > 0 ? drop : [-1];
	const shipment = await mutate<Shipment>(ctx, {
		writes: [
			orderUnchanged(ctx, s),
			shipmentIs(ctx, sh),
			db.run(sql`DELETE FROM shipment_lines WHERE shipment_id = ${sh.id}
				AND line IN (${sql.join(
					dropList.map((l) => sql`${l}`),
					sql`, `
				)})`),
			db.run(
				sql`UPDATE shipment_lines SET quantity = picked_quantity WHERE shipment_id = ${sh.id}`
			),
			db.run(sql`UPDATE shipments SET status = 'packed', packed_at = ${ctx.now},
				version = version + 1, updated_at = ${ctx.now} WHERE id = ${sh.id}`),
			db.run(sql`UPDATE orders SET status = ${after.status}, version = version + 1,
				updated_at = ${ctx.now} WHERE id = ${s.order.id}`),
			timelineEvent(ctx, s, {
				entityId: sh.id,
				kind: 'shipment.packed',
				summary: `Packed ${units} unit${units === 1 ? '' : 's'}${drop.length > 0 || keep.some((l) => l.pickedQuantity < l.quantity) ? ' (partial: the rest ships later)' : ''}`,
				data: {
					lines: keep.map((l) => ({ line: l.line, quantity: l.pickedQuantity })),
					from: after.from,
					to: after.status
				}
			}),
			auditEntry(ctx, {
				action: 'fulfilment.pack',
				target: { type: 'shipment', id: sh.id },
				details: { orderId: s.order.id, units, partial: input.partial, orderStatus: after.status }
			})
		],
		result: shipmentJson(sh.id)
	});
	return sortedShipment(shipment);
}
