import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { webhookEndpoints } from '../../db/schema/webhooks';
import { sealSecret } from '../../worker/lib/secret-box';
import { generateWebhookSecret } from '../../worker/lib/webhook-signature';
import { TEST_DATA_KEY } from './factories';

/** An endpoint as the create verb stores it (secret sealed under TEST_DATA_KEY), minus the route. */
export async function createWebhookEndpoint(
	db: Db,
	{
		url = 'https://hooks.example.com/ordo',
		events = ['*'],
		active = true
	}: { url?: string; events?: string[]; active?: boolean } = {}
): Promise<{ id: string; secret: string }> {
	const id = crypto.randomUUID();
	const secret = generateWebhookSecret();
	await db.insert(webhookEndpoints).values({
		id,
		url,
		events,
		active,
		secretSealed: await sealSecret(
			TEST_DATA_KEY,
			new TextEncoder().encode(secret),
			`webhook_endpoint:${id}`
		),
		fannedOutTo: sql`(SELECT coalesce(max(rowid), 0) FROM outbound_events)`
	});
	return { id, secret };
}

/** A delivery of a fresh event to `endpointId`, in the given state. */
export async function createWebhookDelivery(
	db: Db,
	endpointId: string,
	status: 'pending' | 'failed' | 'delivered' | 'dead' = 'dead'
): Promise<string> {
	const eventId = crypto.randomUUID();
	const id = crypto.randomUUID();
	await db.run(sql`INSERT INTO outbound_events (id, type, entity_kind, entity_id, data, created_at)
		VALUES (${eventId}, 'order.paid', 'order', 'o-1', '{}', ${Date.now()})`);
	await db.run(sql`INSERT INTO webhook_deliveries (id, event_id, endpoint_id, status, attempts)
		VALUES (${id}, ${eventId}, ${endpointId}, ${status}, 1)`);
	return id;
}
