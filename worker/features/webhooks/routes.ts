import { Hono } from 'hono';
import type { AppEnv } from '../../core/context';
import { getCtx } from '../../core/context';
import { doc } from '../../core/doc';
import { input } from '../../core/input';
import { permit } from '../../core/permit';
import { createEndpoint } from './create-endpoint';
import { allowsPrivate } from './endpoint-url';
import { listDeliveries } from './list-deliveries';
import { listEndpoints } from './list-endpoints';
import { replayDelivery } from './replay-delivery';
import {
	CreatedEndpoint,
	CreateEndpoint,
	Delivery,
	DeliveryList,
	DeliveryParams,
	DeliveryQuery,
	EndpointList,
	EndpointParams,
	UpdateEndpoint,
	WebhookEndpoint
} from './schemas';
import { sendTestEvent } from './send-test-event';
import { updateEndpoint } from './update-endpoint';

const tags = ['webhooks'];

export const webhooksRoutes = new Hono<AppEnv>()
	.get(
		'/endpoints',
		permit('integrations.manage'),
		doc({
			summary: 'Every outbound webhook endpoint with its delivery counts',
			tags,
			response: EndpointList
		}),
		async (c) => c.json(await listEndpoints({ ctx: getCtx(c) }))
	)
	.post(
		'/endpoints',
		// A new place Ordo's data goes, with a new credential: step-up first, as for API keys.
		permit('integrations.manage', { stepUp: true }),
		doc({
			summary:
				'Add an endpoint; its signing secret is in this response only (null in an Idempotency-Key replay)',
			tags,
			status: 201,
			response: CreatedEndpoint
		}),
		input('json', CreateEndpoint),
		async (c) =>
			c.json(
				await createEndpoint({
					ctx: getCtx(c),
					input: c.req.valid('json'),
					allowPrivate: allowsPrivate(c.env)
				}),
				201
			)
	)
	.patch(
		'/endpoints/:id',
		// Changing the address sends the shop's events somewhere else: step-up as for adding.
		permit('integrations.manage', { stepUp: true }),
		doc({
			summary: 'Change an endpoint: address, description, event filters, active',
			tags,
			response: WebhookEndpoint
		}),
		input('param', EndpointParams),
		input('json', UpdateEndpoint),
		async (c) =>
			c.json(
				await updateEndpoint({
					ctx: getCtx(c),
					id: c.req.valid('param').id,
					input: c.req.valid('json'),
					allowPrivate: allowsPrivate(c.env)
				})
			)
	)
	.post(
		'/endpoints/:id/test',
		permit('integrations.manage'),
		doc({
			summary: 'Send a webhook.ping event to this endpoint only (sent within a minute)',
			tags,
			status: 202,
			response: Delivery
		}),
		input('param', EndpointParams),
		async (c) =>
			c.json(await sendTestEvent({ ctx: getCtx(c), endpointId: c.req.valid('param').id }), 202)
	)
	.get(
		'/endpoints/:id/deliveries',
		permit('integrations.manage'),
		doc({ summary: "An endpoint's delivery log, newest first", tags, response: DeliveryList }),
		input('param', EndpointParams),
		input('query', DeliveryQuery),
		async (c) =>
			c.json(
				await listDeliveries({
					ctx: getCtx(c),
					endpointId: c.req.valid('param').id,
					query: c.req.valid('query')
				})
			)
	)
	.post(
		'/deliveries/:id/replay',
		permit('integrations.manage'),
		doc({
			summary: 'Send a delivery again (due now, a fresh series of tries)',
			tags,
			response: Delivery
		}),
		input('param', DeliveryParams),
		async (c) => c.json(await replayDelivery({ ctx: getCtx(c), id: c.req.valid('param').id }))
	);
