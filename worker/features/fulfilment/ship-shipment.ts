import { sql } from 'drizzle-orm';
import { actorId, type Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import { ship, type BatchItems } from '../inventory/ledger';
import { decideShip, decideOrderMove } from './decide';
import {
	orderUnchanged,
	shipmentIs,
	shipmentJson,
	sortedShipment,
	timelineEvent
} from './internal';
import { loadShipment } from './shipment-snapshot';
import { stale } from './stale';
import type { Shipment, ShipShipment } from './schemas';
import { emitOrderEvent } from '../webhooks/emit';

/**
 * Hands the parcel to the carrier. In one batch: each unit leaves reserved and on-hand
 * (the ledger's `ship`), the order lines count what shipped, the shipment records carrier
 * and tracking, and the order becomes shipped (all shipped) or stays open (partial).
 */
export async function shipShipment({
	ctx,
	shipmentId,
	input
}: {
	ctx: Ctx;
	shipmentId: string;
	input: ShipShipment;
}): Promise<Shipment> {
	const { db } = ctx;
	const { s, sh } = await loadShipment(ctx, shipmentId);
	stale(sh, input.expectedVersion);
	const lines = decideShip(sh);
	const shippedBy = new Map(lines.map((l) => [l.line, l.quantity]));
	const after = decideOrderMove({
		...s,
		lines: s.lines.map((l) => ({
			...l,
			quantityShipped: l.quantityShipped + (shippedBy.get(l.line) ?? 0)
		})),
		shipments: s.shipments.map((x) => (x.id === sh.id ? { ...x, status: 'shipped' } : x))
	});
	const moves = lines.flatMap((l) => {
		const line = s.lines.find((x) => x.line === l.line)!;
		return [
			...ship(db, {
				productId: line.productId!,
				locationId: sh.locationId,
				quantity: l.quantity,
				reason: `shipped with order ${s.order.number}`,
				reference: s.order.number,
				actorId: actorId(ctx),
				at: ctx.now
			}),
			db.run(sql`UPDATE order_lines SET quantity_shipped = quantity_shipped + ${l.quantity}
				WHERE order_id = ${s.order.id} AND line = ${l.line}`)
		];
	});
	const units = lines.reduce((n, l) => n + l.quantity, 0);
	const writes: BatchItems = [
		orderUnchanged(ctx, s),
		shipmentIs(ctx, sh),
		...moves,
		db.run(sql`UPDATE shipments SET status = 'shipped', carrier = ${input.carrier},
			tracking_number = ${input.trackingNumber}, shipped_at = ${ctx.now},
			version = version + 1, updated_at = ${ctx.now} WHERE id = ${sh.id}`),
		db.run(sql`UPDATE orders SET status = ${after.status}, fulfilment_status = ${after.fulfilment},
			version = version + 1, updated_at = ${ctx.now} WHERE id = ${s.order.id}`),
		...(after.status === 'shipped' ? [emitOrderEvent(ctx, 'order.shipped', s.order.id)] : []),
		timelineEvent(ctx, s, {
			entityId: sh.id,
			kind: 'shipment.shipped',
			summary: `Shipped ${units} unit${units === 1 ? '' : 's'} with ${input.carrier}, tracking ${input.trackingNumber}`,
			data: {
				carrier: input.carrier,
				trackingNumber: input.trackingNumber,
				fulfilment: after.fulfilment,
				from: after.from,
				to: after.status
			}
		}),
		auditEntry(ctx, {
			action: 'fulfilment.ship',
			target: { type: 'shipment', id: sh.id },
			details: { orderId: s.order.id, units, carrier: input.carrier, orderStatus: after.status }
		})
	];
	const shipment = await mutate<Shipment>(ctx, { writes, result: shipmentJson(sh.id) });
	return sortedShipment(shipment);
}
