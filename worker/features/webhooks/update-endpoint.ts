import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { webhookDeliveries, webhookEndpoints } from '../../../db/schema/webhooks';
import type { Ctx } from '../../core/context';
import { Invalid } from '../../core/errors';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import { checkedUrl } from './create-endpoint';
import { endpointJson, endpointsWithCreator, requireEndpoint } from './internal';
import type { UpdateEndpoint, WebhookEndpoint } from './schemas';

/**
 * Changes an endpoint's address, description, filters or whether it is active. A
 * disabled endpoint gets nothing; enabled again, it gets events from then on (its fan-out
 * cursor moves to the newest event), not what happened while it was off. Deliveries
 * already made keep being retried or stay as they are.
 */
export async function updateEndpoint({
	ctx,
	id,
	input,
	allowPrivate
}: {
	ctx: Ctx;
	id: string;
	input: UpdateEndpoint;
	allowPrivate: boolean;
}): Promise<WebhookEndpoint> {
	const url = input.url === undefined ? undefined : checkedUrl(input.url, allowPrivate);
	const changes = {
		url,
		description: input.description,
		events: input.events,
		active: input.active
	};
	const changed = Object.fromEntries(
		Object.entries(changes).filter(([, value]) => value !== undefined)
	);
	if (Object.keys(changed).length === 0)
		throw new Invalid(
			'nothing-to-change',
			'Nothing to change',
			'Send url, description, events or active.'
		);
	return mutate<WebhookEndpoint>(ctx, {
		writes: [
			requireEndpoint(ctx, id),
			ctx.db
				.update(webhookEndpoints)
				.set({
					...changed,
					fannedOutTo:
						input.active === true
							? sql`CASE WHEN ${webhookEndpoints.active} THEN ${webhookEndpoints.fannedOutTo}
								ELSE (SELECT coalesce(max(rowid), 0) FROM outbound_events) END`
							: undefined,
					updatedAt: ctx.now
				})
				.where(eq(webhookEndpoints.id, id)),
			...pauseOrResume(ctx, id, input.active),
			auditEntry(ctx, {
				action: 'webhooks.endpoint_update',
				target: { type: 'webhook_endpoint', id },
				details: changed
			})
		],
		result: sql`SELECT ${endpointJson} FROM ${endpointsWithCreator} WHERE ${webhookEndpoints.id} = ${id}`
	});
}

/**
 * Disabling pauses the endpoint's unsent deliveries (no due time: the sender's index never
 * reaches them); enabling makes them due now.
 */
function pauseOrResume(ctx: Ctx, id: string, active: boolean | undefined) {
	if (active === undefined) return [];
	const unsent = and(
		eq(webhookDeliveries.endpointId, id),
		inArray(webhookDeliveries.status, ['pending', 'failed'])
	);
	return [
		active
			? ctx.db
					.update(webhookDeliveries)
					.set({ nextAttemptAt: ctx.now })
					.where(and(unsent, isNull(webhookDeliveries.nextAttemptAt)))
			: ctx.db.update(webhookDeliveries).set({ nextAttemptAt: null }).where(unsent)
	];
}
