import { eq, sql } from 'drizzle-orm';
import { outboundEvents } from '../../../db/schema/events';
import { webhookDeliveries, webhookEndpoints } from '../../../db/schema/webhooks';
import type { Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import { deliveriesWithEvent, deliveryJson, requireEndpoint } from './internal';
import type { Delivery } from './schemas';

/**
 * A `webhook.ping` event for one endpoint only, so whoever set up the receiver can see a
 * signed request arrive (and check their verification) without waiting for real stock or
 * order changes. It goes straight to this endpoint's log; fan-out never sends `webhook.*`
 * to anyone else. The next delivery run sends it (within a minute).
 */
export async function sendTestEvent({
	ctx,
	endpointId
}: {
	ctx: Ctx;
	endpointId: string;
}): Promise<Delivery> {
	const eventId = crypto.randomUUID();
	const deliveryId = crypto.randomUUID();
	return mutate<Delivery>(ctx, {
		status: 202,
		writes: [
			requireEndpoint(ctx, endpointId),
			ctx.db.insert(outboundEvents).values({
				id: eventId,
				type: 'webhook.ping',
				entityKind: 'webhook_endpoint',
				entityId: endpointId,
				data: sql`(SELECT json_object('endpointId', ${webhookEndpoints.id}, 'url', ${webhookEndpoints.url},
					'message', 'A test event sent from Ordo') FROM ${webhookEndpoints} WHERE ${eq(webhookEndpoints.id, endpointId)})`,
				createdAt: ctx.now
			}),
			ctx.db.insert(webhookDeliveries).values({
				id: deliveryId,
				eventId,
				endpointId,
				status: 'pending',
				nextAttemptAt: ctx.now,
				createdAt: ctx.now
			}),
			auditEntry(ctx, {
				action: 'webhooks.endpoint_test',
				target: { type: 'webhook_endpoint', id: endpointId },
				details: { deliveryId }
			})
		],
		result: sql`SELECT ${deliveryJson} FROM ${deliveriesWithEvent} WHERE ${webhookDeliveries.id} = ${deliveryId}`
	});
}
