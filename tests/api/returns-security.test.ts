import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../support/factories';
import { createDeliveredOrder, insertReturn } from '../support/returns-factory';
import { createTestApi, type Session, type TestApi } from '../support/test-api';

// A security pass over the returns and claims routes (issue 11): card numbers in every
// free-text field however they are written, oversized bodies, odd methods, Idempotency-Key
// replays with another body, and a receipt or refund retried under a new session.
let t: TestApi;
let rep: Session;
let manager: Session;
let warehouse: Session;
beforeAll(async () => {
	t = await createTestApi();
	rep = await t.signIn('support');
	manager = await t.signIn('manager');
	warehouse = await t.signIn('warehouse');
});
afterAll(() => t.client.close());

/** The same person signing in again (another device, or after the idle lock): a new session. */
async function signInAgain(session: Session): Promise<Session> {
	const res = await t.request('/api/auth/sign-in', {
		method: 'POST',
		json: { email: session.user.email, password: TEST_PASSWORD }
	});
	expect(res.status).toBe(200);
	const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
	expect(cookie).not.toBe(session.cookie);
	return { ...session, cookie };
}

const CARD = '4111111111111111';
const group = (digits: string, sep: string) => digits.match(/.{4}/g)!.join(sep);
const shift = (digits: string, zero: number) =>
	[...digits].map((d) => String.fromCodePoint(zero + Number(d))).join('');
// Written the ways a person (or a person dodging the check) might paste a card.
const WRITTEN: [string, string][] = [
	['figure spaces (U+2007)', group(CARD, '\u2007')],
	['narrow no-break spaces (U+202F)', group(CARD, '\u202f')],
	['no-break spaces (U+00A0)', group(CARD, '\u00a0')],
	['fullwidth digits', group(shift(CARD, 0xff10), ' ')],
	['fullwidth digits and ideographic spaces', group(shift(CARD, 0xff10), '\u3000')],
	['Arabic-Indic digits', group(shift(CARD, 0x0660), ' ')],
	['Extended Arabic-Indic digits, unbroken', shift(CARD, 0x06f0)],
	['Devanagari digits with dashes', group(shift(CARD, 0x0966), '-')]
];

async function fixtures() {
	const order = await createDeliveredOrder(t.db, { lines: [{ quantity: 2, priceMinor: 1000 }] });
	const ret = await insertReturn(t.db, order, {
		lines: [{ orderLine: 1, quantity: 1, status: 'inspected', refundMinor: 1000 }]
	});
	return { order, ret };
}

/** Every free-text field of returns and claims, as a request carrying `text` in it. */
function fieldsWith(f: Awaited<ReturnType<typeof fixtures>>, text: string) {
	const line = { orderId: f.order.id, orderLine: 1, quantity: 1, reasonCode: 'no_longer_needed' };
	return [
		['return line note', rep, 'POST', '/api/returns', { lines: [{ ...line, note: text }] }],
		['return notes', rep, 'POST', '/api/returns', { lines: [line], notes: `Customer: ${text}` }],
		['reject reason', rep, 'POST', `/api/returns/${f.ret.id}/lines/1/reject`, { reason: text }],
		['claim note', rep, 'POST', '/api/claims', { orderId: f.order.id, kind: 'damaged', lines: [{ orderLine: 1, quantity: 1 }], resolution: 'refund', note: text }],
		['override reason', manager, 'POST', `/api/returns/${f.ret.id}/overrides`, { line: 1, rule: 'window', reason: `ok ${text}` }],
		['goodwill reason', manager, 'POST', `/api/returns/${f.ret.id}/resolve`, { goodwill: { amountMinor: 100, reason: text } }],
		['inspection note', warehouse, 'POST', `/api/returns/${f.ret.id}/units/u1/inspection`, { grade: 'new', disposition: 'restock', note: text }],
		['shipment tracking', rep, 'PATCH', `/api/returns/${f.ret.id}/shipment`, { carrier: 'DHL', trackingNumber: text }],
		['policy note', manager, 'PUT', '/api/returns/policy', { document: {}, note: text }],
		['reason label', manager, 'POST', '/api/returns/reasons', { code: 'sec_test', label: text }]
	] as const; // prettier-ignore
}

describe('card numbers in free text (security)', () => {
	it.each(WRITTEN)('refuses a card written with %s in every field, storing nothing', async (_how, text) => {
		const f = await fixtures();
		const audits = await t.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM audit_log`);
		for (const [field, session, method, path, json] of fieldsWith(f, text)) {
			const res = await t.request(path, {
				method,
				session,
				json,
				headers: { 'idempotency-key': crypto.randomUUID() }
			});
			expect(res.status, `${field}: ${await res.clone().text()}`).toBe(422);
			expect(await res.text(), field).toContain('Card numbers must not be entered');
		}
		const after = await t.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM audit_log`);
		expect(after[0]!.n).toBe(audits[0]!.n);
	}); // prettier-ignore
});

describe('request shape (security)', () => {
	it('an oversized body is a 413 problem, before anything is read into a return', async () => {
		const f = await fixtures();
		const big = JSON.stringify({
			lines: [{ orderId: f.order.id, orderLine: 1, quantity: 1, reasonCode: 'x', note: 'a'.repeat(400_000) }]
		}); // prettier-ignore
		for (const path of ['/api/returns', `/api/returns/${f.ret.id}/receipts`, '/api/claims']) {
			const res = await t.request(path, {
				method: 'POST',
				session: rep,
				body: big,
				headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() }
			});
			expect(res.status, path).toBe(413);
			expect(res.headers.get('content-type')).toContain('application/problem+json');
			expect(await res.json()).toMatchObject({ type: 'urn:ordo:problem:body-too-large' });
		}
	});

	it('a method a returns route does not take is a 405 naming the ones it does', async () => {
		const f = await fixtures();
		for (const [method, path, allow] of [
			['DELETE', `/api/returns/${f.ret.id}`, 'GET'],
			['PUT', `/api/returns/${f.ret.id}/receipts`, 'POST'],
			['PATCH', '/api/claims', 'POST'],
			['PROPFIND', '/api/returns', 'GET, POST'],
			['PROPFIND', `/api/returns/${f.ret.id}/resolve`, 'POST']
		] as const) {
			const res = await t.request(path, { method, session: rep });
			expect(res.status, `${method} ${path}`).toBe(405);
			expect(res.headers.get('allow'), `${method} ${path}`).toBe(allow);
			expect(await res.json()).toMatchObject({ type: 'urn:ordo:problem:method-not-allowed' });
		}
		// A path no route has is still a 404.
		expect((await t.request('/api/returns/x/nothing-here', { method: 'DELETE', session: rep })).status).toBe(404);
	}); // prettier-ignore
});

describe('replays (security)', () => {
	it('the same Idempotency-Key with another body is a 422, and the first scan stands', async () => {
		const { order, ret } = await fixtures();
		const key = crypto.randomUUID();
		const scan = (code: string) =>
			t.request(`/api/returns/${ret.id}/receipts`, {
				method: 'POST',
				session: warehouse,
				headers: { 'idempotency-key': key },
				json: { code, deviceTime: new Date().toISOString() }
			});
		expect((await scan(order.products[0]!.barcode!)).status).toBe(201);
		const other = await scan('SOMETHING-ELSE');
		expect(other.status).toBe(422);
		const receipts = await t.db.all<{ code: string }>(
			sql`SELECT code FROM return_receipts WHERE return_id = ${ret.id}`
		);
		expect(receipts).toEqual([{ code: order.products[0]!.barcode }]);
	});

	it('a receipt retried under a new session of the same person applies once', async () => {
		const { order, ret } = await fixtures();
		const key = crypto.randomUUID();
		const body = { code: order.products[0]!.barcode, deviceTime: new Date().toISOString() };
		const send = (session: Session) =>
			t.request(`/api/returns/${ret.id}/receipts`, {
				method: 'POST',
				session,
				headers: { 'idempotency-key': key },
				json: body
			});
		const first = await send(warehouse);
		const later = await signInAgain(warehouse);
		const again = await send(later);
		expect([first.status, again.status]).toEqual([201, 201]);
		expect((await again.json()).id).toBe((await first.json()).id);
		const [n] = await t.db.all<{ n: number }>(
			sql`SELECT count(*) AS n FROM return_units WHERE return_id = ${ret.id}`
		);
		expect(n!.n).toBe(1);
	});

	it('a refund retried under a new session (same key, then a new key) is asked for once', async () => {
		const { ret } = await fixtures();
		const key = crypto.randomUUID();
		const resolve = (session: Session, k: string) =>
			t.request(`/api/returns/${ret.id}/resolve`, {
				method: 'POST',
				session,
				headers: { 'idempotency-key': k },
				json: { lines: [{ line: 1, outcome: 'refund' }] }
			});
		expect((await resolve(rep, key)).status).toBe(200);
		const later = await signInAgain(rep);
		expect((await resolve(later, key)).status).toBe(200);
		expect((await resolve(later, crypto.randomUUID())).status).toBe(409);
		const refunds = await t.db.all<{ amount_minor: number }>(
			sql`SELECT amount_minor FROM refunds WHERE return_id = ${ret.id}`
		);
		expect(refunds).toEqual([{ amount_minor: 1000 }]);
	});
});
