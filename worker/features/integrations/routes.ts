import { Hono } from 'hono';
import type { AppEnv } from '../../core/context';
import { getCtx } from '../../core/context';
import { doc } from '../../core/doc';
import { input } from '../../core/input';
import { permit } from '../../core/permit';
import { createApiKey } from './create-api-key';
import { listApiKeys } from './list-api-keys';
import { revokeApiKey } from './revoke-api-key';
import { ApiKeyList, ApiKeyParams, ApiKeySummary, CreateApiKey, CreatedApiKey } from './schemas';

const tags = ['integrations'];

export const integrationsRoutes = new Hono<AppEnv>()
	.get(
		'/api-keys',
		permit('integrations.manage'),
		doc({
			summary: 'Every API key with its scope, creator and last use',
			tags,
			response: ApiKeyList
		}),
		async (c) => c.json(await listApiKeys({ ctx: getCtx(c) }))
	)
	.post(
		'/api-keys',
		// A new key is a new credential: step-up re-authentication first.
		permit('integrations.manage', { stepUp: true }),
		doc({
			summary:
				'Create an API key; the key is in this response only (null in an Idempotency-Key replay)',
			tags,
			status: 201,
			response: CreatedApiKey
		}),
		input('json', CreateApiKey),
		async (c) => c.json(await createApiKey({ ctx: getCtx(c), input: c.req.valid('json') }), 201)
	)
	.post(
		'/api-keys/:id/revoke',
		permit('integrations.manage'),
		doc({ summary: 'Revoke an API key for good', tags, response: ApiKeySummary }),
		input('param', ApiKeyParams),
		async (c) => c.json(await revokeApiKey({ ctx: getCtx(c), id: c.req.valid('param').id }))
	);
