// Outbound webhooks (issue 8) against a real receiver: a node:http server on an ephemeral
// port that checks every request's signature exactly as docs/webhooks.md tells receivers
// to (node:crypto, not Ordo's code), so the documented algorithm is what is tested.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS } from '../../worker/features/webhooks/backoff';
import { deliverWebhooks } from '../../worker/features/webhooks/deliver-webhooks';
import { jobCtx } from '../../worker/features/maintenance/run-jobs';
import { createLocation, createProduct, receiveStock, TEST_DATA_KEY } from '../support/factories';
import { createTestApi, type Session, type TestApi } from '../support/test-api';
import { createWebhookEndpoint } from '../support/webhooks-factory';

type Received = {
	headers: Record<string, string | string[] | undefined>;
	body: string;
	verified: boolean;
};

/** The receiver's check, as documented: t within 5 minutes, v1 = HMAC-SHA256(secret, t.body). */
function verify(secret: string, header: string | undefined, body: string, nowS: number): boolean {
	const parts = new Map<string, string[]>();
	for (const item of (header ?? '').split(',')) {
		const [k, v] = item.split('=');
		if (k && v) parts.set(k.trim(), [...(parts.get(k.trim()) ?? []), v.trim()]);
	}
	const t = Number(parts.get('t')?.[0]);
	if (!Number.isInteger(t) || Math.abs(nowS - t) > 300) return false;
	const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
	return (parts.get('v1') ?? []).some((sig) => {
		const given = Buffer.from(sig, 'hex');
		return given.length === expected.length && timingSafeEqual(given, expected);
	});
}

/** A receiver answering with the statuses queued (then 200), keeping what it got. */
async function receiver(secret: () => string) {
	const got: Received[] = [];
	const statuses: number[] = [];
	const server: Server = createServer((req, res) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
		req.on('end', () => {
			const header = req.headers['ordo-signature'];
			got.push({
				headers: req.headers,
				body,
				verified: verify(
					secret(),
					typeof header === 'string' ? header : undefined,
					body,
					Math.floor(Date.now() / 1000)
				)
			});
			const status = statuses.shift() ?? 200;
			if (status === 302) res.setHeader('location', 'http://127.0.0.1:9/elsewhere');
			res.writeHead(status).end('receiver says hi');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
	return { got, statuses, url, close: () => new Promise((r) => server.close(r)) };
}

let t: TestApi;
let admin: Session;
let warehouse: Session;
const closers: (() => Promise<unknown>)[] = [];
beforeAll(async () => {
	t = await createTestApi();
	admin = await t.signIn('admin');
	warehouse = await t.signIn('warehouse');
});
afterAll(async () => {
	for (const close of closers) await close();
	t.client.close();
});

/** One run of the job as the scheduler runs it, at `now`, with the dev flag for 127.0.0.1. */
const run = (now = Date.now()) =>
	deliverWebhooks({
		ctx: jobCtx(t.db, 'deliver-webhooks', now, TEST_DATA_KEY),
		env: { ORDO_WEBHOOKS_ALLOW_PRIVATE: '1' },
		random: () => 0.5
	});

async function endpointTo(events: string[]) {
	let secret = '';
	const r = await receiver(() => secret);
	closers.push(r.close);
	const endpoint = await createWebhookEndpoint(t.db, { url: r.url, events });
	secret = endpoint.secret;
	return { ...r, ...endpoint };
}

const deliveries = (endpointId: string) =>
	t.db.all<{
		id: string;
		status: string;
		attempts: number;
		next_attempt_at: number | null;
		last_status_code: number | null;
		last_error: string | null;
		type: string;
	}>(
		sql`SELECT d.id, d.status, d.attempts, d.next_attempt_at, d.last_status_code, d.last_error, e.type
			FROM webhook_deliveries d JOIN outbound_events e ON e.id = d.event_id
			WHERE d.endpoint_id = ${endpointId} ORDER BY d.created_at, e.rowid`
	);

async function stockFixture(onHand = 10) {
	const product = await createProduct(t.db);
	const location = await createLocation(t.db);
	await receiveStock(t.db, { productId: product.id, locationId: location.id, onHand });
	return { product, location };
}

const adjust = (productId: string, locationId: string, delta: number) =>
	t.request('/api/inventory/adjustments', {
		method: 'POST',
		session: warehouse,
		json: { productId, locationId, delta, reason: 'webhook check' }
	});

describe('stock.changed trigger (happy)', () => {
	it('fires for an adjustment and for an order reservation, with the level after the change', async () => {
		const { product, location } = await stockFixture(10);
		expect((await adjust(product.id, location.id, -2)).status).toBe(201);
		const res = await t.request('/api/orders', {
			method: 'POST',
			session: admin,
			json: { lines: [{ productId: product.id, locationId: location.id, quantity: 3 }] }
		});
		expect(res.status).toBe(201);
		const rows = await t.db.all<{ data: string }>(
			sql`SELECT data FROM outbound_events WHERE type = 'stock.changed' AND entity_id = ${product.id} ORDER BY rowid`
		);
		expect(rows.map((r) => JSON.parse(r.data))).toEqual([
			{
				productId: product.id,
				sku: product.sku,
				location: location.code,
				onHand: 10,
				reserved: 0,
				available: 10
			},
			{
				productId: product.id,
				sku: product.sku,
				location: location.code,
				onHand: 8,
				reserved: 0,
				available: 8
			},
			{
				productId: product.id,
				sku: product.sku,
				location: location.code,
				onHand: 8,
				reserved: 3,
				available: 5
			}
		]);
		const placed = await t.db.all<{ data: string }>(
			sql`SELECT data FROM outbound_events WHERE type = 'order.placed' AND entity_id = ${(await res.json()).id}`
		);
		expect(JSON.parse(placed[0]!.data)).toMatchObject({ status: 'pending_payment', version: 1 });
	});

	it('does not fire when a write leaves on hand and reserved as they were', async () => {
		const { product, location } = await stockFixture(4);
		const before = await t.db.all(
			sql`SELECT 1 FROM outbound_events WHERE entity_id = ${product.id}`
		);
		await t.db.run(
			sql`UPDATE stock_levels SET bin = 'A-01' WHERE product_id = ${product.id} AND location_id = ${location.id}`
		);
		await t.db.run(sql`UPDATE stock_levels SET on_hand = on_hand WHERE product_id = ${product.id}`);
		expect(
			await t.db.all(sql`SELECT 1 FROM outbound_events WHERE entity_id = ${product.id}`)
		).toHaveLength(before.length);
	});
});

describe('delivery (happy)', () => {
	it('signs what it sends so the documented check passes, and respects filters', async () => {
		const stock = await endpointTo(['stock.changed']);
		const ordersOnly = await endpointTo(['order.*']);
		const { product, location } = await stockFixture(5);
		await adjust(product.id, location.id, 1);
		const outcome = await run();
		expect(outcome.fannedOut).toBeGreaterThanOrEqual(2);

		expect(stock.got.length).toBeGreaterThanOrEqual(2);
		expect(stock.got.every((r) => r.verified)).toBe(true);
		// Deliveries to one endpoint go out in parallel, so they may arrive in any order: the
		// adjustment's event is the one with 6 on hand, wherever it came.
		const received = stock.got.map((r) => ({ request: r, body: JSON.parse(r.body) }));
		const adjusted = received.find((r) => r.body.data?.onHand === 6);
		expect(adjusted).toBeDefined();
		expect(Object.keys(adjusted!.body).sort()).toEqual(['created', 'data', 'id', 'type']);
		expect(adjusted!.body).toMatchObject({
			type: 'stock.changed',
			data: { sku: product.sku, onHand: 6, available: 6 }
		});
		expect(adjusted!.request.headers['ordo-event-id']).toBe(adjusted!.body.id);
		expect((await deliveries(stock.id)).every((d) => d.status === 'delivered')).toBe(true);
		// The order endpoint got none of the stock events.
		expect(ordersOnly.got).toEqual([]);
		expect(await deliveries(ordersOnly.id)).toEqual([]);
	});

	it('retries after a 500 with backoff, then delivers the same event', async () => {
		const r = await endpointTo(['order.*']);
		r.statuses.push(500);
		await stockFixture(3).then(({ product, location }) =>
			t.request('/api/orders', {
				method: 'POST',
				session: admin,
				json: { lines: [{ productId: product.id, locationId: location.id, quantity: 1 }] }
			})
		);
		const now = Date.now();
		await run(now);
		const [failed] = await deliveries(r.id);
		expect(failed).toMatchObject({
			status: 'failed',
			attempts: 1,
			last_status_code: 500,
			last_error: 'HTTP 500'
		});
		// First retry one minute later (jitter pinned to the middle of 0.8–1.2).
		expect(failed!.next_attempt_at).toBe(now + 60_000);
		await run(now + 30_000);
		expect(r.got).toHaveLength(1);
		await run(failed!.next_attempt_at!);
		const [done] = await deliveries(r.id);
		expect(done).toMatchObject({
			status: 'delivered',
			attempts: 2,
			last_status_code: 200,
			last_error: null
		});
		expect(r.got).toHaveLength(2);
		expect(JSON.parse(r.got[0]!.body).id).toBe(JSON.parse(r.got[1]!.body).id);
		expect(r.got.every((g) => g.verified)).toBe(true);
	});

	it('replays a delivery on request, audited, and the receiver gets it again', async () => {
		const r = await endpointTo(['stock.low', 'order.placed']);
		await t.db
			.run(sql`INSERT INTO outbound_events (id, type, entity_kind, entity_id, data, created_at)
			VALUES ('evt-replay', 'order.placed', 'order', 'o-replay', '{"number":"ORD-1"}', ${Date.now()})`);
		await run();
		const [first] = await deliveries(r.id);
		expect(first!.status).toBe('delivered');

		const res = await t.request(`/api/webhooks/deliveries/${first!.id}/replay`, {
			method: 'POST',
			session: admin
		});
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ id: first!.id, status: 'pending', attempts: 0 });
		const audit = await t.db.all(
			sql`SELECT 1 FROM audit_log WHERE action = 'webhooks.delivery_replay' AND target_id = ${first!.id}`
		);
		expect(audit).toHaveLength(1);
		await run();
		expect(r.got.map((g) => JSON.parse(g.body).id)).toEqual(['evt-replay', 'evt-replay']);
		expect((await deliveries(r.id))[0]!.status).toBe('delivered');
	});

	it('sends a test ping to the one endpoint asked for', async () => {
		const a = await endpointTo(['*']);
		const b = await endpointTo(['*']);
		const res = await t.request(`/api/webhooks/endpoints/${a.id}/test`, {
			method: 'POST',
			session: admin
		});
		expect(res.status).toBe(202);
		expect((await res.json()).event.type).toBe('webhook.ping');
		await run();
		expect(a.got.map((g) => JSON.parse(g.body).type)).toContain('webhook.ping');
		expect(b.got.map((g) => JSON.parse(g.body).type)).not.toContain('webhook.ping');
	});
});

describe('delivery (error)', () => {
	it(`gives up after ${MAX_ATTEMPTS} tries: dead, and sent no more`, async () => {
		const r = await endpointTo(['refund.*']);
		r.statuses.push(...Array.from({ length: MAX_ATTEMPTS + 2 }, () => 503));
		await t.db
			.run(sql`INSERT INTO outbound_events (id, type, entity_kind, entity_id, data, created_at)
			VALUES ('evt-dead', 'refund.failed', 'refund', 'r-1', '{}', ${Date.now()})`);
		let now = Date.now();
		for (let i = 0; i < MAX_ATTEMPTS; i++) {
			await run(now);
			const [d] = await deliveries(r.id);
			if (d!.status === 'dead') break;
			expect(d!.next_attempt_at! - now).toBeGreaterThan(0);
			now = d!.next_attempt_at!;
		}
		const [dead] = await deliveries(r.id);
		expect(dead).toMatchObject({
			status: 'dead',
			attempts: MAX_ATTEMPTS,
			last_status_code: 503,
			next_attempt_at: null
		});
		await run(now + 48 * 3600_000);
		expect(r.got).toHaveLength(MAX_ATTEMPTS);
	});

	it('does not follow a redirect: the 302 is a failure and nothing goes elsewhere', async () => {
		const r = await endpointTo(['order.on_hold']);
		r.statuses.push(302);
		await t.db
			.run(sql`INSERT INTO outbound_events (id, type, entity_kind, entity_id, data, created_at)
			VALUES ('evt-redirect', 'order.on_hold', 'order', 'o-2', '{}', ${Date.now()})`);
		await run();
		const [d] = await deliveries(r.id);
		expect(d).toMatchObject({ status: 'failed', last_status_code: 302 });
		expect(d!.last_error).toMatch(/redirects are not followed/);
		expect(d!.last_error).not.toMatch(/receiver says hi/);
	});

	it('a disabled endpoint gets nothing new', async () => {
		const r = await endpointTo(['stock.changed']);
		const off = await t.request(`/api/webhooks/endpoints/${r.id}`, {
			method: 'PATCH',
			session: admin,
			json: { active: false }
		});
		expect(off.status).toBe(200);
		expect((await off.json()).active).toBe(false);
		const { product, location } = await stockFixture(2);
		await adjust(product.id, location.id, 1);
		await run();
		expect(r.got).toEqual([]);
	});
});

describe('endpoints API (security)', () => {
	it('adds an endpoint, shows the secret once and keeps it only sealed', async () => {
		const res = await t.request('/api/webhooks/endpoints', {
			method: 'POST',
			session: admin,
			json: {
				url: 'https://erp.example.com/ordo',
				description: 'ERP',
				events: ['order.*', 'stock.changed']
			}
		});
		expect(res.status).toBe(201);
		const created = await res.json();
		expect(created.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
		expect(created.events).toEqual(['order.*', 'stock.changed']);
		const [row] = await t.db.all<{ secret_sealed: string }>(
			sql`SELECT secret_sealed FROM webhook_endpoints WHERE id = ${created.id}`
		);
		expect(row!.secret_sealed).not.toContain(created.secret.slice(6));
		const list = await (await t.request('/api/webhooks/endpoints', { session: admin })).json();
		expect(JSON.stringify(list)).not.toContain(created.secret);
		const audit = await t.db.all<{ details: string }>(
			sql`SELECT details FROM audit_log WHERE action = 'webhooks.endpoint_create' AND target_id = ${created.id}`
		);
		expect(audit).toHaveLength(1);
		expect(audit[0]!.details).not.toContain(created.secret);
		// Not sent to anything in these tests.
		await t.request(`/api/webhooks/endpoints/${created.id}`, {
			method: 'PATCH',
			session: admin,
			json: { active: false }
		});
	});

	it.each([
		['http://127.0.0.1:9/hooks', /public addresses/],
		['https://10.0.0.8/hooks', /public addresses/],
		['https://169.254.169.254/latest', /public addresses/],
		['http://erp.example.com/hooks', /https/]
	])('refuses %s (SSRF) with a 422 that says why', async (url, why) => {
		const res = await t.request('/api/webhooks/endpoints', {
			method: 'POST',
			session: admin,
			json: { url, events: ['order.*'] }
		});
		expect(res.status).toBe(422);
		const problem = await res.json();
		expect(problem.errors.url[0]).toMatch(why);
	});

	it('refuses filters that name no event family', async () => {
		const res = await t.request('/api/webhooks/endpoints', {
			method: 'POST',
			session: admin,
			json: { url: 'https://erp.example.com/x', events: ['customers.*'] }
		});
		expect(res.status).toBe(422);
	});
});
