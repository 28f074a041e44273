import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireReturns } from '../../worker/features/returns/expire-returns';
import { systemCtx } from '../../worker/core/context';
import { TEST_DATA_KEY } from '../support/factories';
import { createTestApi, roundTrips, type Session, type TestApi } from '../support/test-api';
import { createDeliveredOrder, insertReturn } from '../support/returns-factory';

// The rep's side of returns (issue 11): preview, authorise (quantity limits counting open
// requests, the policy's refusals in words), read, cancel/reject/expire lines, policy versions.

const DAY = 86_400_000;
let t: TestApi;
let rep: Session;
let manager: Session;
beforeAll(async () => {
	t = await createTestApi();
	rep = await t.signIn('support');
	manager = await t.signIn('manager');
});
afterAll(() => t.client.close());

const post = (path: string, json: unknown, session = rep) =>
	t.request(path, { method: 'POST', json, session });
const count = async (table: string, where = sql`1`) =>
	(
		await t.db.all<{ n: number }>(
			sql`SELECT count(*) AS n FROM ${sql.identifier(table)} WHERE ${where}`
		)
	)[0]!.n;

const twoLineOrder = () =>
	createDeliveredOrder(t.db, {
		lines: [
			{ quantity: 2, priceMinor: 1500, name: 'Blue mug' },
			{ quantity: 1, priceMinor: 2000, name: 'Tea towel' }
		]
	});

describe('preview', () => {
	it('says per line what the policy decides, the fee and the refund, in one round trip', async () => {
		const order = await twoLineOrder();
		const res = await post('/api/returns/preview', {
			lines: [
				{ orderId: order.id, orderLine: 1, quantity: 1, reasonCode: 'no_longer_needed' },
				{ orderId: order.id, orderLine: 2, quantity: 1, reasonCode: 'defective' }
			]
		});
		expect(res.status).toBe(200);
		expect(roundTrips(res).domain).toBe(1);
		const body = await res.json();
		expect(body.policyVersion).toBe(1);
		expect(body.canAuthorise).toBe(true);
		expect(body.lines[0]).toMatchObject({
			sku: order.products[0]!.sku,
			shipped: 2,
			returnable: 2,
			eligible: true,
			refundMinor: 1500
		});
		expect(body.lines[0].explanation.join(' ')).toMatch(/day/);
		expect(body.lines[1]).toMatchObject({
			eligible: true,
			customerPaysReturnShipping: false,
			feeMinor: 0
		});
		expect(body.totalRefundMinor).toBe(3500);
		expect(await count('returns', sql`order_id = ${order.id}`)).toBe(0);
	});
});

describe('authorise', () => {
	it('creates a numbered return with its lines, parcel, notification, timeline, event and ONE audit entry', async () => {
		const order = await twoLineOrder();
		const res = await post('/api/returns', {
			lines: [
				{ orderId: order.id, orderLine: 1, quantity: 2, reasonCode: 'too_small' },
				{
					orderId: order.id,
					orderLine: 2,
					quantity: 1,
					reasonCode: 'wrong_item',
					note: 'Sent green'
				}
			],
			notes: 'Customer rang'
		});
		expect(res.status).toBe(201);
		const { items } = await res.json();
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({
			status: 'authorised',
			orderNumber: order.number,
			lines: 2,
			units: 3,
			policyVersion: 1
		});
		expect(items[0].number).toMatch(/^RET-\d+$/);
		const id = items[0].id as string;
		const detail = await (await t.request(`/api/returns/${id}`, { session: rep })).json();
		expect(detail.lines.map((l: { status: string }) => l.status)).toEqual([
			'authorised',
			'authorised'
		]);
		expect(detail.lines[0].decision).toMatchObject({ eligible: true, policyVersion: 1 });
		expect(detail.shipments).toEqual([
			expect.objectContaining({ status: 'label_created', paidBy: 'shop' })
		]);
		expect(detail.notifications[0]).toMatchObject({ template: 'return.authorised' });
		// The customer's words: their return number, never a staff-only page of Ordo.
		expect(detail.notifications[0].body).toContain(detail.number);
		expect(detail.notifications[0].body).not.toContain(id);
		expect(detail.timeline[0]).toMatchObject({ kind: 'return.authorised' });
		expect(detail.order.number).toBe(order.number);
		expect(detail.expiresAt).not.toBeNull();
		expect(await count('audit_log', sql`action = 'return.authorise' AND target_id = ${id}`)).toBe(
			1
		);
		expect(
			await count('outbound_events', sql`type = 'return.authorised' AND entity_id = ${id}`)
		).toBe(1);
		expect(
			await count('timeline_events', sql`entity_id = ${id} AND customer_id = ${order.customerId}`)
		).toBe(1);
	});

	it('counts open requests: asking for more than is left is a 409 naming the line, and writes nothing', async () => {
		const order = await twoLineOrder();
		await insertReturn(t.db, order, { lines: [{ orderLine: 1, quantity: 1 }] });
		const before = await count('returns');
		const res = await post('/api/returns', {
			lines: [{ orderId: order.id, orderLine: 1, quantity: 2, reasonCode: 'too_small' }]
		});
		expect(res.status).toBe(409);
		const problem = await res.json();
		expect(problem.type).toMatch(/return-exceeds-shipped/);
		expect(problem.detail).toContain(order.products[0]!.sku);
		expect(problem.detail).toMatch(/only 1 unit can still come back/);
		expect(await count('returns')).toBe(before);
	});

	it('refuses a line the policy refuses, in the engine’s words', async () => {
		const order = await createDeliveredOrder(t.db, {
			lines: [{ quantity: 1 }],
			country: 'US',
			placedAt: Date.now() - 90 * DAY
		});
		const res = await post('/api/returns', {
			lines: [{ orderId: order.id, orderLine: 1, quantity: 1, reasonCode: 'no_longer_needed' }]
		});
		expect(res.status).toBe(422);
		const problem = await res.json();
		expect(problem.type).toMatch(/return-line-ineligible/);
		expect(problem.title).toContain('Line 1');
		expect(problem.detail).toMatch(/outside the 30-day window/i);
		expect(await count('returns', sql`order_id = ${order.id}`)).toBe(0);
	});

	it('refuses orders of two customers and an unknown reason', async () => {
		const a = await twoLineOrder();
		const b = await twoLineOrder();
		const two = await post('/api/returns', {
			lines: [
				{ orderId: a.id, orderLine: 1, quantity: 1, reasonCode: 'too_small' },
				{ orderId: b.id, orderLine: 1, quantity: 1, reasonCode: 'too_small' }
			]
		});
		expect(two.status).toBe(422);
		const reason = await post('/api/returns', {
			lines: [{ orderId: a.id, orderLine: 1, quantity: 1, reasonCode: 'bored' }]
		});
		expect(reason.status).toBe(422);
		expect((await reason.json()).detail).toMatch(/not a reason in use/);
	});

	it('makes one return per order for several orders of one customer', async () => {
		const a = await twoLineOrder();
		const b = await createDeliveredOrder(t.db, {
			lines: [{ quantity: 1 }],
			customerId: a.customerId
		});
		const res = await post('/api/returns', {
			lines: [
				{ orderId: a.id, orderLine: 2, quantity: 1, reasonCode: 'too_small' },
				{ orderId: b.id, orderLine: 1, quantity: 1, reasonCode: 'too_small' }
			]
		});
		expect(res.status).toBe(201);
		const { items } = await res.json();
		expect(items.map((r: { orderId: string }) => r.orderId).sort()).toEqual([a.id, b.id].sort());
		expect(
			await count(
				'audit_log',
				sql`action = 'return.authorise' AND target_id IN (${items[0].id}, ${items[1].id})`
			)
		).toBe(1);
	});

	it('refuses a card number in a note (input() guards every free-text field)', async () => {
		const order = await twoLineOrder();
		const res = await post('/api/returns', {
			lines: [
				{
					orderId: order.id,
					orderLine: 1,
					quantity: 1,
					reasonCode: 'too_small',
					note: 'card 4111 1111 1111 1111'
				}
			]
		});
		expect(res.status).toBe(422);
		expect(await count('returns', sql`order_id = ${order.id}`)).toBe(0);
	});

	it('is not for the warehouse (403)', async () => {
		const order = await twoLineOrder();
		const warehouse = await t.signIn('warehouse');
		const res = await post(
			'/api/returns',
			{
				lines: [{ orderId: order.id, orderLine: 1, quantity: 1, reasonCode: 'too_small' }]
			},
			warehouse
		);
		expect(res.status).toBe(403);
		expect((await t.request('/api/returns', { session: warehouse })).status).toBe(200);
	});
});

describe('from a SKU when the order cannot be found', () => {
	it('is held for review, then matched to an order line and authorised under the policy', async () => {
		const order = await twoLineOrder();
		const sku = order.products[1]!.sku;
		const held = await post('/api/returns/held', {
			customerId: order.customerId,
			sku,
			quantity: 1,
			note: 'Parcel came with no paperwork'
		});
		expect(held.status).toBe(201);
		const ret = await held.json();
		expect(ret).toMatchObject({ status: 'held', orderId: null, policyVersion: null });
		const detail = await (await t.request(`/api/returns/${ret.id}`, { session: rep })).json();
		expect(detail.reviewReason).toMatch(/order could not be found/);
		expect(detail.lines[0]).toMatchObject({ sku, status: 'requested', orderLine: null });

		const wrongLine = await t.request(`/api/returns/${ret.id}/match`, {
			method: 'PATCH',
			session: rep,
			json: { orderId: order.id, orderLine: 9, reasonCode: 'too_small' }
		});
		expect(wrongLine.status).toBe(422);
		const matched = await t.request(`/api/returns/${ret.id}/match`, {
			method: 'PATCH',
			session: rep,
			json: { orderId: order.id, orderLine: 2, reasonCode: 'too_small', version: ret.version }
		});
		expect(matched.status).toBe(200);
		expect(await matched.json()).toMatchObject({
			status: 'authorised',
			orderId: order.id,
			policyVersion: expect.any(Number)
		});
		const after = await (await t.request(`/api/returns/${ret.id}`, { session: rep })).json();
		expect(after.lines[0]).toMatchObject({ status: 'authorised', orderLine: 2, refundMinor: 2000 });
		expect(after.reviewReason).toBeNull();
		expect(after.notifications).toHaveLength(1);
		const again = await t.request(`/api/returns/${ret.id}/match`, {
			method: 'PATCH',
			session: rep,
			json: { orderId: order.id, orderLine: 2, reasonCode: 'too_small' }
		});
		expect(again.status).toBe(409);
	});
});

describe('line transitions', () => {
	const authorise = async () => {
		const order = await twoLineOrder();
		const res = await post('/api/returns', {
			lines: [
				{ orderId: order.id, orderLine: 1, quantity: 2, reasonCode: 'too_small' },
				{ orderId: order.id, orderLine: 2, quantity: 1, reasonCode: 'too_small' }
			]
		});
		return { order, ret: (await res.json()).items[0] as { id: string; version: number } };
	};

	it('cancels a line (its units free again), then the return; a cancelled line cannot be rejected (409)', async () => {
		const { order, ret } = await authorise();
		const one = await post(`/api/returns/${ret.id}/lines/1/cancel`, {
			reason: 'Keeping it',
			version: ret.version
		});
		expect(one.status).toBe(200);
		expect(await one.json()).toMatchObject({ status: 'authorised', version: ret.version + 1 });
		const again = await post('/api/returns/preview', {
			lines: [{ orderId: order.id, orderLine: 1, quantity: 2, reasonCode: 'too_small' }]
		});
		expect((await again.json()).lines[0].returnable).toBe(2);
		const reject = await post(`/api/returns/${ret.id}/lines/1/reject`, { reason: 'Worn' });
		expect(reject.status).toBe(409);
		expect((await reject.json()).title).toBe('Line 1 is cancelled and cannot become rejected');
		const all = await post(`/api/returns/${ret.id}/cancel`, {});
		expect(await all.json()).toMatchObject({ status: 'cancelled' });
		expect(
			await count('audit_log', sql`target_id = ${ret.id} AND action LIKE 'return.%cancel'`)
		).toBe(2);
		expect((await post(`/api/returns/${ret.id}/cancel`, {})).status).toBe(409);
	});

	it('rejects a line with a reason; a stale version is a 409', async () => {
		const { ret } = await authorise();
		const stale = await post(`/api/returns/${ret.id}/lines/2/reject`, {
			reason: 'Final sale',
			version: ret.version + 5
		});
		expect(stale.status).toBe(409);
		const res = await post(`/api/returns/${ret.id}/lines/2/reject`, { reason: 'Final sale' });
		expect(res.status).toBe(200);
		const detail = await (await t.request(`/api/returns/${ret.id}`, { session: rep })).json();
		expect(detail.lines.map((l: { status: string }) => l.status)).toEqual([
			'authorised',
			'rejected'
		]);
		expect(detail.timeline.at(-1).summary).toMatch(/line 2 rejected: Final sale/);
		expect((await post(`/api/returns/${ret.id}/lines/2/reject`, {})).status).toBe(422);
	});

	it('expires authorised lines past the deadline with nothing received (as the system)', async () => {
		const order = await twoLineOrder();
		const late = await insertReturn(t.db, order, {
			lines: [{ orderLine: 1, quantity: 1 }],
			expiresAt: Date.now() - DAY
		});
		const result = await expireReturns({ ctx: systemCtx(t.db, Date.now(), TEST_DATA_KEY) });
		expect(result.expired).toBeGreaterThanOrEqual(1);
		const detail = await (await t.request(`/api/returns/${late.id}`, { session: rep })).json();
		expect(detail.status).toBe('expired');
		expect(detail.lines[0].status).toBe('expired');
		expect(detail.timeline.at(-1)).toMatchObject({ actorLabel: 'Ordo', kind: 'return.expired' });
		expect(
			await count(
				'audit_log',
				sql`target_id = ${late.id} AND action = 'return.expire' AND actor_type = 'system'`
			)
		).toBe(1);
	});

	it('tracks the inbound parcel apart from the return, lost included', async () => {
		const { ret } = await authorise();
		const res = await t.request(`/api/returns/${ret.id}/shipment`, {
			method: 'PATCH',
			session: rep,
			json: { carrier: 'Royal Mail', trackingNumber: 'RM123GB', status: 'lost' }
		});
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ status: 'lost', carrier: 'Royal Mail', version: 2 });
		const detail = await (await t.request(`/api/returns/${ret.id}`, { session: rep })).json();
		expect(detail.status).toBe('authorised');
	});
});

describe('list', () => {
	it('finds returns by RET or ORD number and by status', async () => {
		const order = await twoLineOrder();
		const { items } = await (
			await post('/api/returns', {
				lines: [{ orderId: order.id, orderLine: 1, quantity: 1, reasonCode: 'too_small' }]
			})
		).json();
		const byOrder = await (
			await t.request(`/api/returns?q=${order.number}`, { session: rep })
		).json();
		expect(byOrder.items.map((r: { id: string }) => r.id)).toEqual([items[0].id]);
		const byNumber = await (
			await t.request(`/api/returns?q=${items[0].number}`, { session: rep })
		).json();
		expect(byNumber.items).toHaveLength(1);
		const page = await (
			await t.request('/api/returns?status=authorised&limit=1', { session: rep })
		).json();
		expect(page.items).toHaveLength(1);
		expect(page.nextCursor).not.toBeNull();
	});
});

describe('policy and reasons', () => {
	it('saves a new version; a return keeps the version it was authorised under', async () => {
		const order = await twoLineOrder();
		const { items } = await (
			await post('/api/returns', {
				lines: [{ orderId: order.id, orderLine: 1, quantity: 1, reasonCode: 'too_small' }]
			})
		).json();
		const current = await (await t.request('/api/returns/policy', { session: rep })).json();
		expect(current).toMatchObject({ version: 1, isDefault: true });
		const document = { ...current.document, name: 'Generous returns' };
		const denied = await t.request('/api/returns/policy', {
			method: 'PUT',
			session: rep,
			json: { document }
		});
		expect(denied.status).toBe(403);
		const bad = await t.request('/api/returns/policy', {
			method: 'PUT',
			session: manager,
			json: { document: { ...document, rules: [] } }
		});
		expect(bad.status).toBe(422);
		const saved = await t.request('/api/returns/policy', {
			method: 'PUT',
			session: manager,
			json: { document, note: 'Longer for the holidays', version: 1 }
		});
		expect(saved.status).toBe(200);
		expect(await saved.json()).toMatchObject({
			version: 2,
			isDefault: false,
			note: 'Longer for the holidays'
		});
		const stale = await t.request('/api/returns/policy', {
			method: 'PUT',
			session: manager,
			json: { document, version: 1 }
		});
		expect(stale.status).toBe(409);
		const kept = await (await t.request(`/api/returns/${items[0].id}`, { session: rep })).json();
		expect(kept.policyVersion).toBe(1);
		const preview = await (
			await post('/api/returns/preview', {
				lines: [{ orderId: order.id, orderLine: 2, quantity: 1, reasonCode: 'too_small' }]
			})
		).json();
		expect(preview.policyVersion).toBe(2);
		expect(await count('return_policies')).toBe(2);
	});

	it('adds, relabels and retires reasons (never deletes); a retired reason cannot start a return', async () => {
		const added = await t.request('/api/returns/reasons', {
			method: 'POST',
			session: manager,
			json: { code: 'gift_duplicate', label: 'Got it twice as a gift', parentCode: 'changed_mind' }
		});
		expect(added.status).toBe(201);
		const tree = await (await t.request('/api/returns/reasons', { session: rep })).json();
		const parent = tree.items.find((r: { code: string }) => r.code === 'changed_mind');
		expect(parent.children.map((c: { code: string }) => c.code)).toContain('gift_duplicate');
		const retired = await t.request('/api/returns/reasons/gift_duplicate', {
			method: 'PATCH',
			session: manager,
			json: { active: false }
		});
		expect(await retired.json()).toMatchObject({ active: false });
		const order = await twoLineOrder();
		const res = await post('/api/returns', {
			lines: [{ orderId: order.id, orderLine: 1, quantity: 1, reasonCode: 'gift_duplicate' }]
		});
		expect(res.status).toBe(422);
		expect(
			(
				await t.request('/api/returns/reasons', {
					method: 'POST',
					session: rep,
					json: { code: 'x', label: 'X' }
				})
			).status
		).toBe(403);
	});
});
