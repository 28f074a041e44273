import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { customerNotifications } from '../../db/schema/returns';
import { jobCtx } from '../../worker/features/maintenance/run-jobs';
import {
	deliverNotifications,
	MAX_NOTIFICATION_ATTEMPTS
} from '../../worker/features/returns/notify/deliver-notifications';
import { verifyWebhook } from '../../worker/lib/webhook-signature';
import { createCustomer, TEST_DATA_KEY } from '../support/factories';
import { createDeliveredOrder, insertReturn } from '../support/returns-factory';
import { createTestApi, type Session, type TestApi } from '../support/test-api';

// Customer notifications (issue 11): the outbox is delivered by a job through a pluggable
// sender. The embedded default shows them in Ordo (nothing leaves); the webhook sender posts
// a signed message to the shop's email/SMS gateway, retried with backoff, failed visibly.
let t: TestApi;
let rep: Session;
const SECRET = 'whsec_test_notifications';
const GATEWAY = 'https://gateway.example/notify';
const webhookEnv = {
	NOTIFY_SENDER: 'webhook',
	NOTIFY_WEBHOOK_URL: GATEWAY,
	NOTIFY_WEBHOOK_SECRET: SECRET
};

beforeAll(async () => {
	t = await createTestApi();
	rep = await t.signIn('support');
});

type Sent = { url: string; headers: Headers; body: string };

function gateway(status = 202, reply = '') {
	const sent: Sent[] = [];
	const fetcher = (async (url: string | URL, init?: RequestInit) => {
		sent.push({ url: String(url), headers: new Headers(init?.headers), body: String(init?.body) });
		return new Response(reply, { status });
	}) as typeof fetch;
	return { sent, fetcher };
}

async function pendingNotification(
	customer: { email?: string | null; phone?: string | null } = {}
) {
	const c = await createCustomer(t.db, customer);
	const order = await createDeliveredOrder(t.db, { lines: [{ quantity: 1 }], customerId: c.id });
	const ret = await insertReturn(t.db, order, { lines: [{ orderLine: 1, quantity: 1 }] });
	const id = crypto.randomUUID();
	await t.db.insert(customerNotifications).values({
		id,
		customerId: c.id,
		returnId: ret.id,
		orderId: order.id,
		template: 'return.authorised',
		subject: `Your return ${ret.number}`,
		body: `We have authorised your return ${ret.number}.`,
		createdAt: Date.now() - 1000
	});
	return { id, customer: c, ret };
}

const run = (env: Record<string, string>, fetcher?: typeof fetch, now = Date.now()) =>
	deliverNotifications({
		ctx: jobCtx(t.db, 'deliver-notifications', now, TEST_DATA_KEY),
		env,
		random: () => 0.5,
		fetcher
	});

async function rowOf(id: string) {
	const [row] = await t.db.all<{
		status: string;
		attempts: number;
		sent_via: string | null;
		next_attempt_at: number | null;
		last_error: string | null;
	}>(
		sql`SELECT status, attempts, sent_via, next_attempt_at, last_error FROM customer_notifications WHERE id = ${id}`
	);
	return row!;
}

describe('notification delivery (happy)', () => {
	it('the embedded default marks a message shown in Ordo: sent via ui, nothing leaves', async () => {
		const { id, ret } = await pendingNotification();
		const { sent, fetcher } = gateway();
		const result = await run({}, fetcher);
		expect(result.sender).toBe('ui');
		expect(sent).toEqual([]);
		expect(await rowOf(id)).toMatchObject({ status: 'sent', sent_via: 'ui', attempts: 1 });
		const view = await (await t.request(`/api/returns/${ret.id}`, { session: rep })).json();
		expect(view.notifications).toEqual([
			expect.objectContaining({ id, status: 'sent', sentVia: 'ui', lastError: null })
		]);
	});

	it('the webhook sender posts a signed message to the gateway once, with the address', async () => {
		const { id, customer } = await pendingNotification();
		const { sent, fetcher } = gateway();
		await run(webhookEnv, fetcher);
		const mine = sent.filter((s) => s.headers.get('ordo-notification-id') === id);
		expect(mine).toHaveLength(1);
		const [message] = mine;
		expect(message!.url).toBe(GATEWAY);
		expect(
			await verifyWebhook(SECRET, message!.body, message!.headers.get('ordo-signature'), Date.now())
		).toBe(true);
		expect(JSON.parse(message!.body)).toMatchObject({
			id,
			type: 'customer.notification',
			data: { channel: 'email', to: customer.email, template: 'return.authorised' }
		});
		expect(await rowOf(id)).toMatchObject({ status: 'sent', sent_via: 'webhook' });
		const again = gateway();
		await run(webhookEnv, again.fetcher);
		expect(again.sent.filter((s) => s.headers.get('ordo-notification-id') === id)).toEqual([]);
	});
});

describe('notification delivery (error)', () => {
	it('a gateway error is retried later with backoff, then failed visibly after the last try', async () => {
		const { id, ret } = await pendingNotification();
		const now = Date.now();
		await run(webhookEnv, gateway(503).fetcher, now);
		const first = await rowOf(id);
		expect(first).toMatchObject({
			status: 'pending',
			attempts: 1,
			last_error: 'The gateway answered HTTP 503'
		});
		expect(first.next_attempt_at).toBeGreaterThan(now);
		// Not due yet: the same minute's run leaves it alone.
		const early = gateway(503);
		await run(webhookEnv, early.fetcher, now);
		expect(early.sent.filter((s) => s.headers.get('ordo-notification-id') === id)).toEqual([]);
		// The last try fails too: 'failed', shown on the return with the reason.
		await t.db
			.run(sql`UPDATE customer_notifications SET attempts = ${MAX_NOTIFICATION_ATTEMPTS - 1},
			next_attempt_at = ${now - 1} WHERE id = ${id}`);
		await run(webhookEnv, gateway(500).fetcher, now);
		expect(await rowOf(id)).toMatchObject({
			status: 'failed',
			attempts: MAX_NOTIFICATION_ATTEMPTS,
			next_attempt_at: null,
			last_error: 'The gateway answered HTTP 500'
		});
		const view = await (await t.request(`/api/returns/${ret.id}`, { session: rep })).json();
		expect(view.notifications[0]).toMatchObject({
			status: 'failed',
			lastError: 'The gateway answered HTTP 500'
		});
	});

	it('a customer with no email address fails at once: retrying cannot help', async () => {
		const { id } = await pendingNotification({ email: null });
		const { sent, fetcher } = gateway();
		await run(webhookEnv, fetcher);
		expect(sent.filter((s) => s.headers.get('ordo-notification-id') === id)).toEqual([]);
		expect(await rowOf(id)).toMatchObject({
			status: 'failed',
			attempts: 1,
			last_error: 'The customer has no email address on file'
		});
	});

	it('a half-configured gateway skips the run and leaves every message pending', async () => {
		const { id } = await pendingNotification();
		const result = await run({ NOTIFY_SENDER: 'webhook', NOTIFY_WEBHOOK_URL: GATEWAY });
		expect(result.skipped).toMatch(/NOTIFY_WEBHOOK_SECRET/);
		expect(await rowOf(id)).toMatchObject({ status: 'pending', attempts: 0 });
		const plain = await run({ ...webhookEnv, NOTIFY_WEBHOOK_URL: 'http://gateway.example/' });
		expect(plain.skipped).toBe('NOTIFY_WEBHOOK_URL must be https');
	});
});

describe('notification delivery (security)', () => {
	it("never keeps or reports the customer's data: counts only, the gateway's reply unread", async () => {
		const { id, customer } = await pendingNotification();
		// A gateway that echoes the message back in its error must not get it into Ordo's log.
		const result = await run(webhookEnv, gateway(400, `bad address ${customer.email}`).fetcher);
		const said = JSON.stringify(result);
		expect(said).not.toContain(customer.email!);
		expect(said).not.toContain('Your return');
		const row = await rowOf(id);
		expect(row).toMatchObject({ status: 'failed', last_error: 'The gateway answered HTTP 400' });
		expect(row.last_error).not.toContain(customer.email!);
	});
});
