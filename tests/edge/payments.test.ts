import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { orders } from '../../db/schema/orders';
import { payments, webhookInbox } from '../../db/schema/payments';
import { api } from '../../worker/app';
import { SANDBOX_SECRET_KEY } from '../../worker/features/payments/configure';
import { signPayload } from '../../worker/features/payments/stripe-signature';
import { createSandbox, type Sandbox } from '../../scripts/sandbox-pay/app';
import { eventEnvelope } from '../../scripts/sandbox-pay/webhooks';
import { TEST_DATA_KEY } from '../support/factories';
import { createPendingOrder } from '../support/orders-factory';
import { ORIGIN, type Session } from '../support/test-api';
import { shopApi, type EdgeApi } from './edge-api';

// The checkout and webhook routes inside workerd: Web Crypto signs and verifies, the
// Stripe SDK's fetch client and SubtleCrypto provider load, the one batch goes over
// libSQL HTTP. The sandbox's app runs in this isolate (it uses only Web APIs); fetches
// to its origin are routed to it, everything else (the database) goes out as usual.
const SANDBOX = 'http://sandbox.pay.test';
const SECRET = 'whsec_edge_test';
const STRIPE_SECRET = 'whsec_edge_stripe';
let t: EdgeApi;
let rep: Session;
let sandbox: Sandbox;
let env: Record<string, string>;

function request(path: string, init: RequestInit & { session?: Session; json?: unknown } = {}) {
	const { session, json, ...rest } = init;
	const headers = new Headers(rest.headers);
	if (session) headers.set('cookie', session.cookie);
	if (json !== undefined) {
		headers.set('content-type', 'application/json');
		rest.body = JSON.stringify(json);
	}
	headers.set('origin', ORIGIN);
	return api.request(path, { ...rest, headers }, env);
}

beforeAll(async () => {
	t = await shopApi();
	rep = await t.signIn('support');
	env = {
		LIBSQL_URL: t.url,
		ORDO_DATA_KEY: TEST_DATA_KEY,
		PAYMENT_PROVIDER: 'sandbox',
		SANDBOX_PAY_URL: SANDBOX,
		SANDBOX_PAY_WEBHOOK_SECRET: SECRET
	};
	sandbox = createSandbox({
		publicUrl: SANDBOX,
		secretKey: SANDBOX_SECRET_KEY,
		secret: SECRET,
		baseDelayMs: 5,
		maxAttempts: 3,
		send: async (body, headers) =>
			(await request('/api/payments/webhooks/sandbox', { method: 'POST', body, headers })).status
	});
	const outside = globalThis.fetch;
	vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
		const url = input instanceof Request ? input.url : String(input);
		if (url.startsWith(SANDBOX)) return sandbox.app.request(new Request(input, init));
		// Stripe's API is not called for real: a status read answers "no such session".
		if (url.startsWith('https://api.stripe.com'))
			return Promise.resolve(
				Response.json(
					{ error: { type: 'invalid_request_error', message: 'No such session' } },
					{ status: 404 }
				)
			);
		return outside(input, init);
	});
});

afterAll(() => {
	vi.unstubAllGlobals();
	t.client.close();
});

const orderRow = async (id: string) =>
	(await t.db.select().from(orders).where(eq(orders.id, id)))[0]!;

describe('payments in workerd (happy)', () => {
	it('creates a payment link and marks the order paid from the signed webhook', async () => {
		const order = await createPendingOrder(t.db);
		const res = await request(`/api/orders/${order.id}/payment-link`, {
			method: 'POST',
			session: rep,
			json: {}
		});
		expect(res.status).toBe(201);
		const link = await res.json();
		expect(link.url.startsWith(`${SANDBOX}/pay/`)).toBe(true);
		const paid = await sandbox.app.request(link.url, {
			method: 'POST',
			body: new URLSearchParams({ action: 'pay', card: 'visa' })
		});
		expect(paid.status).toBe(303);
		await sandbox.webhooks.settled();
		expect(sandbox.webhooks.deliveries.at(-1)!.status).toBe(200);
		expect(await orderRow(order.id)).toMatchObject({ status: 'paid', paymentStatus: 'paid' });
		const [payment] = await t.db.select().from(payments).where(eq(payments.orderId, order.id));
		expect(payment).toMatchObject({ status: 'succeeded', cardBrand: 'visa', cardLast4: '4242' });
	});

	it('verifies a Stripe webhook with the SDK (constructEventAsync, SubtleCrypto) and applies it', async () => {
		const order = await createPendingOrder(t.db);
		const sessionId = `cs_test_edge_${crypto.randomUUID().slice(0, 8)}`;
		await t.db.insert(payments).values({
			id: crypto.randomUUID(),
			orderId: order.id,
			provider: 'stripe',
			providerRef: sessionId,
			amountMinor: order.totalMinor,
			status: 'pending'
		});
		const stripeEnv = {
			...env,
			PAYMENT_PROVIDER: 'stripe',
			STRIPE_SECRET_KEY: 'sk_test_edge',
			STRIPE_WEBHOOK_SECRET: STRIPE_SECRET
		};
		const event = eventEnvelope(
			'checkout.session.completed',
			{
				id: sessionId,
				object: 'checkout.session',
				status: 'complete',
				payment_status: 'paid',
				amount_total: order.totalMinor,
				currency: 'gbp',
				payment_intent: 'pi_edge'
			},
			Date.now()
		);
		const body = JSON.stringify(event);
		const send = async (signature: string) =>
			api.request(
				'/api/payments/webhooks/stripe',
				{
					method: 'POST',
					body,
					headers: { 'content-type': 'application/json', 'stripe-signature': signature }
				},
				stripeEnv
			);
		const forged = await send(await signPayload('whsec_wrong', body, Date.now()));
		expect(forged.status).toBe(400);
		const res = await send(await signPayload(STRIPE_SECRET, body, Date.now()));
		expect(res.status).toBe(200);
		expect(await orderRow(order.id)).toMatchObject({ status: 'paid', paymentStatus: 'paid' });
		const replay = await send(await signPayload(STRIPE_SECRET, body, Date.now()));
		expect((await replay.json()).duplicate).toBe(true);
		expect(
			await t.db.select().from(webhookInbox).where(eq(webhookInbox.eventId, event.id))
		).toHaveLength(1);
	});
});

describe('payments in workerd (security)', () => {
	it('refuses a stale signature', async () => {
		const body = JSON.stringify(
			eventEnvelope('checkout.session.expired', { id: 'cs_x' }, Date.now())
		);
		const res = await request('/api/payments/webhooks/sandbox', {
			method: 'POST',
			body,
			headers: {
				'content-type': 'application/json',
				'stripe-signature': await signPayload(SECRET, body, Date.now() - 400_000)
			}
		});
		expect(res.status).toBe(400);
	});
});
