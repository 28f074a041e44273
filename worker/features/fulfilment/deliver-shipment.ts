import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import { decideDeliver } from './decide';
import {
	orderUnchanged,
	shipmentIs,
	shipmentJson,
	sortedShipment,
	timelineEvent
} from './internal';
import type { DeliverShipment, Shipment } from './schemas';
import { loadShipment } from './shipment-snapshot';
import { stale } from './stale';
import { emitOrderEvent } from '../webhooks/emit';

/**
 * Marks a shipped parcel delivered (a rep told by the customer, or a carrier's integration
 * through an API key). Decide, then write: one batch under the order's version and the
 * shipment's status, the order delivered when this was its last parcel on the way.
 */
export async function deliverShipment({
	ctx,
	shipmentId,
	input
}: {
	ctx: Ctx;
	shipmentId: string;
	input: DeliverShipment;
}): Promise<Shipment> {
	const { db } = ctx;
	const { s, sh } = await loadShipment(ctx, shipmentId);
	stale(sh, input.expectedVersion);
	const orderTo = decideDeliver(s, sh);
	const status = orderTo ?? s.order.status;
	const shipment = await mutate<Shipment>(ctx, {
		writes: [
			orderUnchanged(ctx, s),
			shipmentIs(ctx, sh),
			db.run(sql`UPDATE shipments SET status = 'delivered', delivered_at = ${ctx.now},
				version = version + 1, updated_at = ${ctx.now} WHERE id = ${sh.id}`),
			db.run(sql`UPDATE orders SET status = ${status}, version = version + 1,
				updated_at = ${ctx.now} WHERE id = ${s.order.id}`),
			...(orderTo ? [emitOrderEvent(ctx, 'order.delivered', s.order.id)] : []),
			timelineEvent(ctx, s, {
				entityId: sh.id,
				kind: 'shipment.delivered',
				summary: orderTo
					? `Delivered: order ${s.order.number} is complete`
					: 'Parcel delivered (the rest of the order is still on its way)',
				data: orderTo ? { from: s.order.status, to: orderTo } : {}
			}),
			auditEntry(ctx, {
				action: 'fulfilment.deliver',
				target: { type: 'shipment', id: sh.id },
				details: { orderId: s.order.id, orderStatus: status }
			})
		],
		result: shipmentJson(sh.id)
	});
	return sortedShipment(shipment);
}
