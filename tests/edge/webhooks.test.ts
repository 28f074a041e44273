// Outbound webhooks inside workerd: the signature is made with Web Crypto there and is
// byte-for-byte what node:crypto computes (the vector below came from Node's
// createHmac, the verifier tests/api/webhooks-outbound.test.ts uses); the delivery job
// opens the sealed secret (AES-GCM), fans out and records over libSQL HTTP.
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { deliverWebhooks } from '../../worker/features/webhooks/deliver-webhooks';
import { jobCtx } from '../../worker/features/maintenance/run-jobs';
import { signWebhook, verifyWebhook } from '../../worker/lib/webhook-signature';
import { TEST_DATA_KEY } from '../support/factories';
import { createWebhookEndpoint } from '../support/webhooks-factory';
import { shopApi } from './edge-api';

const t = await shopApi();
afterAll(() => t.client.close());

const AT = Date.UTC(2026, 10, 29, 12);
// node -e "require('crypto').createHmac('sha256','whsec_test').update('1795953600.{\"id\":\"e1\"}').digest('hex')"
const NODE_MAC = '3861a9720569b10e514912d9e30a210c5001bc374b4406d12f15243e6579f272';

describe('webhook signing in workerd (happy)', () => {
	it('gives the HMAC-SHA256 node:crypto gives', async () => {
		expect(await signWebhook('whsec_test', '{"id":"e1"}', AT)).toBe(`t=1795953600,v1=${NODE_MAC}`);
	});

	it('the job sends a signed event the documented check accepts', async () => {
		const url = 'https://receiver.example.com/hooks';
		const { id, secret } = await createWebhookEndpoint(t.db, { url, events: ['order.*'] });
		const eventId = crypto.randomUUID();
		await t.db
			.run(sql`INSERT INTO outbound_events (id, type, entity_kind, entity_id, data, created_at)
			VALUES (${eventId}, 'order.paid', 'order', 'o-edge', '{"number":"ORD-9"}', ${Date.now()})`);
		const sent: Request[] = [];
		const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
			const request = new Request(input, init);
			if (request.url === url) sent.push(request);
			return new Response('ok', { status: 200 });
		}) as typeof fetch;
		const run = await deliverWebhooks({
			ctx: jobCtx(t.db, 'deliver-webhooks', Date.now(), TEST_DATA_KEY),
			fetcher
		});
		expect(run.delivered).toBeGreaterThanOrEqual(1);
		const mine = sent.find((r) => r.headers.get('ordo-event-id') === eventId)!;
		const body = await mine.text();
		expect(JSON.parse(body)).toMatchObject({
			id: eventId,
			type: 'order.paid',
			data: { number: 'ORD-9' }
		});
		const header = mine.headers.get('ordo-signature');
		expect(await verifyWebhook(secret, body, header, Date.now())).toBe(true);
		expect(await verifyWebhook(secret, `${body} `, header, Date.now())).toBe(false);
		const [row] = await t.db.all<{ status: string }>(
			sql`SELECT status FROM webhook_deliveries WHERE endpoint_id = ${id} AND event_id = ${eventId}`
		);
		expect(row!.status).toBe('delivered');
	});
});
