import { and, eq, sql } from 'drizzle-orm';
import { returnShipments } from '../../../db/schema/returns';
import type { Ctx } from '../../core/context';
import { Conflict, NotFound } from '../../core/errors';
import { mutate } from '../../core/mutate';
import { expectVersion } from '../../core/preconditions';
import { auditEntry } from '../audit/record';
import { timelineEvent } from '../orders/timeline';
import { isoTime } from '../users/internal';
import type { UpdateShipment } from './schemas';

const STATUS_WORDS = {
	label_created: 'label created',
	in_transit: 'in transit',
	delivered: 'delivered to us',
	lost: 'lost in the post'
} as const;

/**
 * The inbound parcel (carrier, tracking, status, including lost), tracked apart from the
 * return's state: a lost parcel leaves the lines authorised (a claim or the expiry decides).
 */
export async function updateReturnShipment({
	ctx,
	id,
	input
}: {
	ctx: Ctx;
	id: string;
	input: UpdateShipment;
}) {
	const [shipment] = await ctx.db.all<{
		id: string;
		version: number;
		status: keyof typeof STATUS_WORDS;
		number: string;
		orderId: string | null;
		customerId: string | null;
	}>(
		sql`SELECT s.id, s.version, s.status, r.number, r.order_id AS orderId, r.customer_id AS customerId
			FROM return_shipments s JOIN returns r ON r.id = s.return_id
			WHERE s.return_id = ${id} ORDER BY s.created_at DESC, s.id LIMIT 1`
	);
	if (!shipment)
		throw new NotFound(
			'return-shipment-not-found',
			'This return has no parcel',
			`No return has id ${id}.`
		);
	if (input.version !== undefined && input.version !== shipment.version)
		throw new Conflict(
			'return-shipment-changed',
			'This parcel changed since you loaded it',
			'Reload the return, then try again.'
		);
	const set = {
		...(input.carrier !== undefined ? { carrier: input.carrier || null } : {}),
		...(input.trackingNumber !== undefined ? { trackingNumber: input.trackingNumber || null } : {}),
		...(input.status ? { status: input.status } : {})
	};
	const statusChanged = input.status && input.status !== shipment.status;
	return mutate<Record<string, unknown>>(ctx, {
		writes: [
			expectVersion(ctx, 'return_shipment', shipment.id, shipment.version),
			ctx.db
				.update(returnShipments)
				.set({ ...set, version: sql`${returnShipments.version} + 1`, updatedAt: ctx.now })
				.where(and(eq(returnShipments.id, shipment.id))),
			timelineEvent(ctx, {
				entityKind: 'return',
				entityId: id,
				orderId: shipment.orderId,
				customerId: shipment.customerId,
				kind: 'return.parcel_updated',
				summary: statusChanged
					? `${shipment.number}: parcel ${STATUS_WORDS[input.status!]}`
					: `${shipment.number}: parcel details updated`,
				data: { returnId: id, ...set }
			}),
			auditEntry(ctx, {
				action: 'return.parcel_update',
				target: { type: 'return', id },
				details: { shipmentId: shipment.id, ...set }
			})
		],
		result: sql`SELECT json_object('id', id, 'carrier', carrier, 'trackingNumber', tracking_number,
			'status', status, 'paidBy', paid_by, 'version', version, 'createdAt', ${isoTime(sql`created_at`)})
			FROM return_shipments WHERE id = ${shipment.id}`
	});
}
