import { sql } from 'drizzle-orm';
import { webhookEndpoints } from '../../../db/schema/webhooks';
import type { Ctx } from '../../core/context';
import { Forbidden, Invalid, Unavailable } from '../../core/errors';
import { mutate } from '../../core/mutate';
import { sealSecret } from '../../lib/secret-box';
import { generateWebhookSecret } from '../../lib/webhook-signature';
import { auditEntry } from '../audit/record';
import { checkEndpointUrl } from './endpoint-url';
import { endpointJson, endpointsWithCreator, secretContext } from './internal';
import type { CreateEndpoint, CreatedEndpoint } from './schemas';

export function requireWebhookKey(ctx: Ctx): string {
	if (!ctx.dataKey)
		throw new Unavailable(
			'not-configured',
			'Webhooks are not configured on this server',
			'Set ORDO_DATA_KEY: endpoint secrets are kept sealed under it.'
		);
	return ctx.dataKey;
}

export function checkedUrl(url: string, allowPrivate: boolean): string {
	const checked = checkEndpointUrl(url, { allowPrivate });
	if (!checked.ok)
		throw new Invalid('invalid-url', 'This address cannot receive webhooks', checked.reason, {
			url: [checked.reason]
		});
	return checked.url;
}

/**
 * Adds an endpoint with a new signing secret. The secret is sealed under ORDO_DATA_KEY
 * (Ordo must read it back to sign, so a hash would not do) and returned in this response
 * only, as API keys are: with an Idempotency-Key the stored replay has `secret: null`.
 * The endpoint receives events from now on: its fan-out cursor starts at the newest event.
 */
export async function createEndpoint({
	ctx,
	input,
	allowPrivate
}: {
	ctx: Ctx;
	input: CreateEndpoint;
	allowPrivate: boolean;
}): Promise<CreatedEndpoint> {
	if (ctx.actor?.kind !== 'user')
		throw new Forbidden(
			'people-create-endpoints',
			'Only a signed-in person can add webhook endpoints'
		);
	const url = checkedUrl(input.url, allowPrivate);
	const id = crypto.randomUUID();
	const secret = generateWebhookSecret();
	const sealed = await sealSecret(
		requireWebhookKey(ctx),
		new TextEncoder().encode(secret),
		secretContext(id)
	);
	const created = await mutate<CreatedEndpoint>(ctx, {
		status: 201,
		writes: [
			ctx.db.insert(webhookEndpoints).values({
				id,
				url,
				description: input.description,
				secretSealed: sealed,
				events: input.events,
				fannedOutTo: sql`(SELECT coalesce(max(rowid), 0) FROM outbound_events)`,
				createdBy: ctx.actor.id,
				createdAt: ctx.now,
				updatedAt: ctx.now
			}),
			// Where data goes and which events: never the secret (PCI DSS 10.3).
			auditEntry(ctx, {
				action: 'webhooks.endpoint_create',
				target: { type: 'webhook_endpoint', id },
				details: { url, events: input.events }
			})
		],
		result: sql`SELECT json_set(${endpointJson}, '$.secret', NULL)
			FROM ${endpointsWithCreator} WHERE ${webhookEndpoints.id} = ${id}`
	});
	return { ...created, secret };
}
