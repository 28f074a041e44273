import { sql } from 'drizzle-orm';
import { webhookDeliveries, webhookEndpoints } from '../../../db/schema/webhooks';
import type { Ctx } from '../../core/context';
import { NotFound } from '../../core/errors';
import { deliveriesWithEvent, deliveryJson } from './internal';
import type { Delivery, DeliveryList, DeliveryQuery } from './schemas';

/**
 * One endpoint's delivery log, newest first, keyset-paged on (created_at, id) through
 * the index (endpoint_id, created_at, id); a status filter reads the same index. One
 * batch: whether the endpoint exists, and the page.
 */
export async function listDeliveries({
	ctx,
	endpointId,
	query
}: {
	ctx: Ctx;
	endpointId: string;
	query: DeliveryQuery;
}): Promise<DeliveryList> {
	const [at, id] = query.cursor ? query.cursor.split('~') : [];
	const after = at
		? sql`AND (${webhookDeliveries.createdAt}, ${webhookDeliveries.id}) < (${Number(at)}, ${id})`
		: sql``;
	const status = query.status ? sql`AND ${webhookDeliveries.status} = ${query.status}` : sql``;
	const [exists, rows] = await ctx.db.batch([
		ctx.db.all<{ found: number }>(
			sql`SELECT 1 AS found FROM ${webhookEndpoints} WHERE ${webhookEndpoints.id} = ${endpointId}`
		),
		ctx.db.all<{ body: string; at: number; id: string }>(
			sql`SELECT ${deliveryJson} AS body, ${webhookDeliveries.createdAt} AS at, ${webhookDeliveries.id} AS id
				FROM ${deliveriesWithEvent}
				WHERE ${webhookDeliveries.endpointId} = ${endpointId} ${status} ${after}
				ORDER BY ${webhookDeliveries.createdAt} DESC, ${webhookDeliveries.id} DESC
				LIMIT ${query.limit + 1}`
		)
	]);
	if (exists.length === 0)
		throw new NotFound('webhook-endpoint-not-found', 'No such webhook endpoint');
	const page = rows.slice(0, query.limit);
	const last = page.at(-1);
	return {
		items: page.map((row) => JSON.parse(row.body) as Delivery),
		nextCursor: rows.length > query.limit && last ? `${last.at}~${last.id}` : null
	};
}
