// What each route promises, checked on a real answer (issue 6 §5): every 2xx JSON body is
// exactly the response schema the route declares in doc({ response }) (the OpenAPI
// document's promise; a body built in SQL can drift from it), and every mutating route
// writes exactly one audit entry. Requests come from tests/support/route-examples.ts.
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../worker/app';
import { routeTable, type RouteInfo } from '../../worker/core/openapi';
import { createUser, TEST_PASSWORD, totpCode } from '../support/factories';
import {
	createFixtures,
	EXAMPLES,
	READ_ONLY_POSTS,
	RESPONSE_EXCEPTIONS,
	type Example,
	type Fixtures
} from '../support/route-examples';
import { eventEnvelope } from '../../scripts/sandbox-pay/webhooks';
import { signPayload } from '../../worker/features/payments/stripe-signature';
import { createFailedRefund, createPendingOrder } from '../support/orders-factory';
import {
	createPaymentsTestApi,
	pressOnHostedPage,
	WEBHOOK_PATH,
	WEBHOOK_SECRET,
	type PaymentsTestApi
} from '../support/payments-harness';
import type { Session } from '../support/test-api';

// The sandbox payment provider is configured, so the payment routes can succeed too.
let t: PaymentsTestApi;
let fixtures: Fixtures;
let admin: Session;
const routes = routeTable(api);
const keyOf = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

beforeAll(async () => {
	t = await createPaymentsTestApi();
	fixtures = await createFixtures(t);
	admin = await t.signIn('admin');
});
afterAll(() => t.close());

/** A manager's password step: a session that still owes the second factor. */
async function mfaStep(enrolled: boolean): Promise<Session> {
	const user = await createUser(
		t.db,
		enrolled ? { role: 'manager' } : { role: 'manager', totpSecret: null, mfaEnrolledAt: null }
	);
	const res = await t.request('/api/auth/sign-in', {
		method: 'POST',
		json: { email: user.email, password: TEST_PASSWORD }
	});
	const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
	return { cookie, user: { id: user.id, email: user.email, role: 'manager' } };
}

/**
 * The route-table examples are chosen to show who may call a route; a few are refusals by
 * design (a sign-in for nobody, a wrong current password, MFA steps with a full session).
 * These succeed instead.
 */
/** An order with a checkout at the sandbox provider: its link, and the session's id there. */
async function checkout() {
	const order = await createPendingOrder(t.db);
	const res = await t.request(`/api/orders/${order.id}/payment-link`, {
		method: 'POST',
		session: admin,
		json: {}
	});
	const { url } = (await res.json()) as { url: string };
	return { order, url, sessionId: new URL(url).pathname.split('/').at(-1)! };
}

/** The payment routes need an order in the right state at the provider. */
async function paymentExample(key: string): Promise<Example | null> {
	if (key === 'POST /api/orders/:id/payment-link') {
		const order = await createPendingOrder(t.db);
		return { path: `/api/orders/${order.id}/payment-link`, json: {} };
	}
	if (key === 'POST /api/orders/:id/payment/refresh') {
		const { order } = await checkout();
		return { path: `/api/orders/${order.id}/payment/refresh` };
	}
	if (key === 'POST /api/orders/:id/refunds') {
		const { order, url } = await checkout();
		await pressOnHostedPage(url, 'pay');
		// The provider's webhook marks it paid; none may land inside another route's check.
		await t.sandbox.webhooks.settled();
		return {
			path: `/api/orders/${order.id}/refunds`,
			json: { amountMinor: 100, reason: 'route check' }
		};
	}
	if (key === 'POST /api/refunds/:id/manual') {
		const { refundId } = await createFailedRefund(t.db);
		return { path: `/api/refunds/${refundId}/manual`, json: { note: 'route check transfer' } };
	}
	return null;
}

async function succeeding(key: string): Promise<{ example: Example; session?: Session }> {
	const payment = await paymentExample(key);
	if (payment) return { example: payment, session: admin };
	if (key === 'POST /api/auth/mfa/verify') {
		const session = await mfaStep(true);
		return { session, example: { path: '/api/auth/mfa/verify', json: { code: totpCode() } } };
	}
	if (key === 'POST /api/auth/mfa/enroll') {
		return { session: await mfaStep(false), example: { path: '/api/auth/mfa/enroll' } };
	}
	if (key === 'POST /api/auth/mfa/enroll/confirm') {
		const session = await mfaStep(false);
		const start = await t.request('/api/auth/mfa/enroll', { method: 'POST', session });
		const { secret } = (await start.json()) as { secret: string };
		const code = totpCode(Date.now(), decodeBase32IgnorePadding(secret));
		return { session, example: { path: '/api/auth/mfa/enroll/confirm', json: { code } } };
	}
	if (key === 'POST /api/auth/sign-in') {
		const user = await createUser(t.db, { role: 'warehouse' });
		return {
			example: { path: '/api/auth/sign-in', json: { email: user.email, password: TEST_PASSWORD } }
		};
	}
	if (key === 'POST /api/auth/password') {
		return {
			session: await t.signIn('warehouse'),
			example: {
				path: '/api/auth/password',
				json: { currentPassword: TEST_PASSWORD, newPassword: 'a new long passphrase 99' }
			}
		};
	}
	if (key === 'POST /api/auth/sessions/:id/end') {
		// Two sessions of one person: the first ends the second by its reference.
		const session = await t.signIn('support');
		await t.request('/api/auth/sign-in', {
			method: 'POST',
			json: { email: session.user.email, password: TEST_PASSWORD }
		});
		const list = await t.request('/api/auth/sessions', { session });
		const { items } = (await list.json()) as { items: { id: string; current: boolean }[] };
		const other = items.find((item) => !item.current)!;
		return { session, example: { path: `/api/auth/sessions/${other.id}/end` } };
	}
	// A sign-out ends the session it is sent with.
	const session = key.endsWith('sign-out') ? await t.signIn('admin') : admin;
	return { example: EXAMPLES[key]!(fixtures), session };
}

async function newestSeq(): Promise<number> {
	const { rows } = await t.client.execute('SELECT coalesce(max(seq), 0) AS seq FROM audit_log');
	return Number(rows[0]!.seq);
}

/** Rows written since `seq` (a purge may delete older ones, so not a count difference). */
async function auditSince(seq: number): Promise<string[]> {
	const { rows } = await t.client.execute({
		sql: 'SELECT action FROM audit_log WHERE seq > ? ORDER BY seq',
		args: [seq]
	});
	return rows.map((r) => String(r.action));
}

/** A provider's signed `checkout.session.completed` for a real checkout. */
async function signedWebhook() {
	const { sessionId } = await checkout();
	const session = t.sandbox.state.sessions.get(sessionId)!;
	const object = {
		...session,
		status: 'complete',
		payment_status: 'paid',
		payment_intent: 'pi_rc'
	};
	const body = JSON.stringify(eventEnvelope('checkout.session.completed', object, Date.now()));
	const signature = await signPayload(WEBHOOK_SECRET, body, Date.now());
	return { body, headers: { 'content-type': 'application/json', 'stripe-signature': signature } };
}

async function call(route: RouteInfo) {
	const key = keyOf(route);
	if (key === 'POST /api/payments/webhooks/:provider') {
		const delivery = await signedWebhook();
		const before = await newestSeq();
		const res = await t.request(WEBHOOK_PATH, { method: 'POST', ...delivery });
		return { res, audit: await auditSince(before) };
	}
	const { example, session } = await succeeding(key);
	const before = await newestSeq();
	const res = await t.request(example.path, {
		method: route.method,
		session,
		json: example.json,
		body: example.body,
		headers: example.headers
	});
	return { res, audit: await auditSince(before) };
}

describe('route contract: declared responses', () => {
	it('every route declares its response schema, or is a listed exception', () => {
		const missing = routes.filter((r) => !r.doc?.response).map(keyOf);
		expect(missing.filter((k) => !RESPONSE_EXCEPTIONS[k])).toEqual([]);
	});

	it('lists as exceptions only real routes that still lack a response schema', () => {
		const lacking = new Set(routes.filter((r) => !r.doc?.response).map(keyOf));
		expect(Object.keys(RESPONSE_EXCEPTIONS).filter((k) => !lacking.has(k))).toEqual([]);
	});

	for (const route of routes.filter((r) => r.doc?.response)) {
		const key = keyOf(route);
		it(`${key} answers 2xx with exactly its declared response`, async () => {
			const { res } = await call(route);
			expect(res.status, await res.clone().text()).toBeLessThan(300);
			expect(res.headers.get('content-type')).toMatch(/^application\/json/);
			const body = await res.json();
			const parsed = v.safeParse(route.doc!.response!, body);
			const issues = parsed.issues?.map((i) => `${v.getDotPath(i) ?? '(root)'}: ${i.message}`);
			expect(issues ?? []).toEqual([]);
			// valibot's object() drops unknown keys: a body with more than the schema says
			// (a leaked column) differs from its parsed output.
			expect(parsed.output).toEqual(body);
		});
	}
});

describe('route contract: one audit entry per mutation', () => {
	for (const route of routes.filter((r) => r.method !== 'GET')) {
		const key = keyOf(route);
		const readOnly = key in READ_ONLY_POSTS;
		it(`${key} writes exactly ${readOnly ? 'no' : 'one'} audit entry`, async () => {
			const { res, audit } = await call(route);
			expect(res.status, await res.clone().text()).toBeLessThan(300);
			expect(audit).toHaveLength(readOnly ? 0 : 1);
		});
	}

	for (const route of routes.filter((r) => r.method === 'GET')) {
		const key = keyOf(route);
		it(`${key} writes at most one audit entry (reads of the log are themselves logged)`, async () => {
			const { res, audit } = await call(route);
			expect(res.status).toBeLessThan(300);
			expect(audit.length).toBeLessThanOrEqual(1);
		});
	}
});
