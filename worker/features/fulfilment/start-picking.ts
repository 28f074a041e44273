import { sql } from 'drizzle-orm';
import { shipmentLines, shipments } from '../../../db/schema/fulfilment';
import { actorId, type Ctx } from '../../core/context';
import { Conflict, NotFound } from '../../core/errors';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import { decideStartPicking } from './decide';
import {
	loadSnapshot,
	orderUnchanged,
	shipmentJson,
	sortedShipment,
	timelineEvent
} from './internal';
import type { Shipment, StartPicking } from './schemas';

/**
 * Opens a shipment at a location for the units still to pick there (or the ones asked
 * for) and moves the order to picking: decided on a snapshot, written in one batch that
 * fails (409) if the order moved since.
 */
export async function startPicking({
	ctx,
	orderId,
	input
}: {
	ctx: Ctx;
	orderId: string;
	input: StartPicking;
}): Promise<Shipment> {
	const { db } = ctx;
	const { snapshot: s } = await loadSnapshot(ctx, orderId);
	if (!s) throw new NotFound('order-not-found', 'No such order');
	if (input.expectedVersion !== undefined && input.expectedVersion !== s.order.version)
		throw new Conflict(
			'order-changed',
			'This order changed since you loaded it',
			'Reload it, then try again.'
		);
	const lines = decideStartPicking(s, input.locationId, input.lines);
	const id = crypto.randomUUID();
	const units = lines.reduce((n, l) => n + l.quantity, 0);
	const shipment = await mutate<Shipment>(ctx, {
		status: 201,
		writes: [
			orderUnchanged(ctx, s),
			db.insert(shipments).values({
				id,
				orderId: s.order.id,
				locationId: input.locationId,
				status: 'picking',
				createdById: actorId(ctx),
				createdAt: ctx.now,
				updatedAt: ctx.now
			}),
			db
				.insert(shipmentLines)
				.values(lines.map((l) => ({ shipmentId: id, orderId: s.order.id, ...l }))),
			db.run(sql`UPDATE orders SET status = 'picking', version = version + 1, updated_at = ${ctx.now}
				WHERE id = ${s.order.id}`),
			timelineEvent(ctx, s, {
				entityId: id,
				kind: 'shipment.picking',
				summary: `Picking started: ${units} unit${units === 1 ? '' : 's'}`,
				data: { locationId: input.locationId, lines, from: s.order.status, to: 'picking' }
			}),
			auditEntry(ctx, {
				action: 'fulfilment.start_picking',
				target: { type: 'shipment', id },
				details: { orderId: s.order.id, locationId: input.locationId, units }
			})
		],
		result: shipmentJson(id)
	});
	return sortedShipment(shipment);
}
