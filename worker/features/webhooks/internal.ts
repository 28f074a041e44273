import { sql } from 'drizzle-orm';
import { users } from '../../../db/schema/auth';
import { outboundEvents } from '../../../db/schema/events';
import { webhookDeliveries, webhookEndpoints } from '../../../db/schema/webhooks';
import { registerConstraintError } from '../../core/constraint-errors';
import type { Ctx } from '../../core/context';
import { NotFound } from '../../core/errors';
import { isoTime } from '../users/internal';

registerConstraintError(
	'target_missing_webhook_endpoint',
	() => new NotFound('webhook-endpoint-not-found', 'No such webhook endpoint')
);
registerConstraintError(
	'target_missing_webhook_delivery',
	() => new NotFound('webhook-delivery-not-found', 'No such webhook delivery')
);

const count = (status: string) =>
	sql`(SELECT count(*) FROM ${webhookDeliveries} d
		WHERE d.endpoint_id = ${webhookEndpoints.id} AND d.status = ${status})`;

/**
 * One endpoint as JSON, for a query FROM webhook_endpoints LEFT JOIN users. Never the
 * secret, sealed or not: it is shown once, at creation. The counts use the endpoint's
 * log index (endpoint_id, …).
 */
export const endpointJson = sql`json_object(
	'id', ${webhookEndpoints.id},
	'url', ${webhookEndpoints.url},
	'description', ${webhookEndpoints.description},
	'events', json(${webhookEndpoints.events}),
	'active', json(CASE WHEN ${webhookEndpoints.active} THEN 'true' ELSE 'false' END),
	'createdBy', json(CASE WHEN ${users.id} IS NULL THEN NULL ELSE
		json_object('id', ${users.id}, 'name', ${users.name}) END),
	'createdAt', ${isoTime(webhookEndpoints.createdAt)},
	'updatedAt', ${isoTime(webhookEndpoints.updatedAt)},
	'counts', json_object('pending', ${count('pending')}, 'failed', ${count('failed')},
		'delivered', ${count('delivered')}, 'dead', ${count('dead')}))`;

export const endpointsWithCreator = sql`${webhookEndpoints} LEFT JOIN ${users} ON ${users.id} = ${webhookEndpoints.createdBy}`;

/** One delivery as JSON, for a query FROM webhook_deliveries JOIN outbound_events. */
export const deliveryJson = sql`json_object(
	'id', ${webhookDeliveries.id},
	'endpointId', ${webhookDeliveries.endpointId},
	'event', json_object('id', ${outboundEvents.id}, 'type', ${outboundEvents.type},
		'createdAt', ${isoTime(outboundEvents.createdAt)}),
	'status', ${webhookDeliveries.status},
	'attempts', ${webhookDeliveries.attempts},
	'nextAttemptAt', CASE WHEN ${webhookDeliveries.status} IN ('pending', 'failed')
		THEN ${isoTime(webhookDeliveries.nextAttemptAt)} END,
	'lastAttemptAt', ${isoTime(webhookDeliveries.lastAttemptAt)},
	'lastStatusCode', ${webhookDeliveries.lastStatusCode},
	'lastError', ${webhookDeliveries.lastError},
	'deliveredAt', ${isoTime(webhookDeliveries.deliveredAt)},
	'createdAt', ${isoTime(webhookDeliveries.createdAt)})`;

export const deliveriesWithEvent = sql`${webhookDeliveries} JOIN ${outboundEvents} ON ${outboundEvents.id} = ${webhookDeliveries.eventId}`;

/** Batch items that fail the batch with 404 when the row does not exist. */
export function requireEndpoint(ctx: Ctx, id: string) {
	return ctx.db.run(
		sql`INSERT INTO target_checks (target, found) VALUES ('webhook_endpoint',
			EXISTS (SELECT 1 FROM ${webhookEndpoints} WHERE ${webhookEndpoints.id} = ${id}))`
	);
}

export function requireDelivery(ctx: Ctx, id: string) {
	return ctx.db.run(
		sql`INSERT INTO target_checks (target, found) VALUES ('webhook_delivery',
			EXISTS (SELECT 1 FROM ${webhookDeliveries} WHERE ${webhookDeliveries.id} = ${id}))`
	);
}

/** The context a sealed endpoint secret is bound to (AES-GCM additional data). */
export const secretContext = (endpointId: string) => `webhook_endpoint:${endpointId}`;
