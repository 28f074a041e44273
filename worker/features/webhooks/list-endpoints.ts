import { sql } from 'drizzle-orm';
import { webhookEndpoints } from '../../../db/schema/webhooks';
import type { Ctx } from '../../core/context';
import { endpointJson, endpointsWithCreator } from './internal';
import type { EndpointList, WebhookEndpoint } from './schemas';

/** Every endpoint, active ones first, newest first, with its deliveries counted by status. */
export async function listEndpoints({ ctx }: { ctx: Ctx }): Promise<EndpointList> {
	const rows = await ctx.db.all<{ body: string }>(
		sql`SELECT ${endpointJson} AS body FROM ${endpointsWithCreator}
			ORDER BY ${webhookEndpoints.active} DESC, ${webhookEndpoints.createdAt} DESC, ${webhookEndpoints.id}`
	);
	return { items: rows.map((row) => JSON.parse(row.body) as WebhookEndpoint) };
}
