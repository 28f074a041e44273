import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, createProduct, receiveStock } from '../support/factories';
import { createDeliveredOrder, insertReturn } from '../support/returns-factory';
import { createTestApi, type Session, type TestApi } from '../support/test-api';

// Money back for a return (issue 11): resolve with refunds computed from line net amounts,
// never more than captured minus refunded, split payments newest first, shipping when the
// law says, idempotent; goodwill; keep-the-item; overrides; the store credit ledger.
// No provider is configured here: refunds stay pending for the scheduled job
// (returns-refund-provider.test.ts sends them through the sandbox).

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

const resolve = (id: string, json: unknown, session = rep, key?: string) =>
	t.request(`/api/returns/${id}/resolve`, {
		method: 'POST',
		session,
		json,
		headers: key ? { 'idempotency-key': key } : {}
	});

const refundsOf = (returnId: string) =>
	t.db.all<{
		payment_id: string;
		amount_minor: number;
		kind: string;
		status: string;
		approved_by_id: string | null;
	}>(
		sql`SELECT payment_id, amount_minor, kind, status, approved_by_id FROM refunds
			WHERE return_id = ${returnId} ORDER BY amount_minor DESC`
	);
const count = async (q: ReturnType<typeof sql>) => (await t.db.all<{ n: number }>(q))[0]!.n;

const setDecision = (returnId: string, line: number, decision: Record<string, unknown>) =>
	t.db.run(sql`UPDATE return_lines SET decision = ${JSON.stringify(decision)}
		WHERE return_id = ${returnId} AND line = ${line}`);

describe('resolve: refunds', () => {
	it('refunds the net paid after the discount, resolves the line and the return, once', async () => {
		// 2 × 10.00 with 2.00 off the line: 18.00 net, 9.00 per unit.
		const order = await createDeliveredOrder(t.db, {
			lines: [{ quantity: 2, priceMinor: 1000, discountMinor: 200 }]
		});
		const ret = await insertReturn(t.db, order, {
			lines: [{ orderLine: 1, quantity: 1, status: 'inspected', refundMinor: 0 }]
		});
		const res = await resolve(
			ret.id,
			{ lines: [{ line: 1, outcome: 'refund' }] },
			rep,
			'resolve-1'
		);
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body).toMatchObject({ status: 'resolved', refundMinor: 900 });
		expect(body.lines[0]).toMatchObject({
			status: 'resolved',
			outcome: 'refund',
			refundMinor: 900
		});
		expect(body.refunds).toEqual([
			expect.objectContaining({ amountMinor: 900, kind: 'return', status: 'pending' })
		]);
		// The message to the customer waits in the outbox, shown with the return.
		expect(body.notifications).toEqual([
			expect.objectContaining({ template: 'refund.sent', status: 'pending' })
		]);
		const [r] = await t.db.all<{ resolved_at: number | null }>(
			sql`SELECT resolved_at FROM returns WHERE id = ${ret.id}`
		);
		expect(r!.resolved_at).not.toBeNull();
		expect(
			await count(
				sql`SELECT count(*) AS n FROM audit_log WHERE action = 'return.resolve' AND target_id = ${ret.id}`
			)
		).toBe(1);
		expect(
			await count(
				sql`SELECT count(*) AS n FROM customer_notifications WHERE return_id = ${ret.id} AND template = 'refund.sent'`
			)
		).toBe(1);
		expect(
			await count(
				sql`SELECT count(*) AS n FROM timeline_events WHERE entity_id = ${ret.id} AND kind = 'return.resolved'`
			)
		).toBe(1);
		expect(
			await count(
				sql`SELECT count(*) AS n FROM outbound_events WHERE entity_id = ${ret.id} AND type IN ('refund.requested', 'return.resolved')`
			)
		).toBe(2);

		// The same request again (same key): the first answer, nothing doubled.
		const retried = await resolve(
			ret.id,
			{ lines: [{ line: 1, outcome: 'refund' }] },
			rep,
			'resolve-1'
		);
		expect(retried.status).toBe(200);
		expect((await retried.json()).refunds).toHaveLength(1);
		// A new request for the same line: refused in words.
		const second = await resolve(ret.id, { lines: [{ line: 1, outcome: 'refund' }] });
		expect(second.status).toBe(409);
		expect(second.headers.get('content-type')).toContain('problem+json');
		expect((await second.json()).type).toMatch(/illegal-return-line-transition$/);
		expect(await refundsOf(ret.id)).toHaveLength(1);
	});

	it('refunds split payments newest capture first', async () => {
		const order = await createDeliveredOrder(t.db, {
			lines: [{ quantity: 2, priceMinor: 1000 }],
			paymentsMinor: [1200, 800]
		});
		const ret = await insertReturn(t.db, order, {
			lines: [{ orderLine: 1, quantity: 2, status: 'inspected' }]
		});
		const res = await resolve(ret.id, { lines: [{ line: 1, outcome: 'refund' }] });
		expect(res.status).toBe(200);
		const rows = await refundsOf(ret.id);
		// The second payment (taken last) gives back all of its 8.00 first, then the first 12.00.
		expect(rows.map((r) => [r.payment_id, r.amount_minor])).toEqual([
			[order.paymentIds[0], 1200],
			[order.paymentIds[1], 800]
		]);
	});

	it('never refunds more than captured minus refunded (the database guards it too)', async () => {
		const order = await createDeliveredOrder(t.db, { lines: [{ quantity: 1, priceMinor: 1000 }] });
		// Most of it went back already (a manual refund).
		await t.db.run(sql`INSERT INTO refunds (id, payment_id, order_id, amount_minor, reason, status,
			idempotency_key, created_at, updated_at) VALUES (${crypto.randomUUID()}, ${order.paymentIds[0]},
			${order.id}, 600, 'earlier', 'succeeded', ${crypto.randomUUID()}, 1, 1)`);
		const ret = await insertReturn(t.db, order, {
			lines: [{ orderLine: 1, quantity: 1, status: 'inspected' }]
		});
		const res = await resolve(ret.id, { lines: [{ line: 1, outcome: 'refund' }] });
		expect(res.status).toBe(409);
		expect((await res.json()).type).toMatch(/refund-exceeds-captured$/);
		const [line] = await t.db.all<{ status: string }>(
			sql`SELECT status FROM return_lines WHERE return_id = ${ret.id}`
		);
		expect(line!.status).toBe('inspected');
	});

	it('refunds the original shipping when the law says (EU, whole order), not on a part', async () => {
		const eu = await createDeliveredOrder(t.db, {
			country: 'NL',
			shippingMinor: 495,
			lines: [
				{ quantity: 1, priceMinor: 2000 },
				{ quantity: 1, priceMinor: 1000 }
			]
		});
		const law = { eligible: true, decidedBy: 'law', outcomes: ['refund', 'store_credit'] };
		const whole = await insertReturn(t.db, eu, {
			lines: [
				{ orderLine: 1, quantity: 1, status: 'inspected' },
				{ orderLine: 2, quantity: 1, status: 'inspected' }
			]
		});
		await setDecision(whole.id, 1, law);
		await setDecision(whole.id, 2, law);
		const res = await resolve(whole.id, {
			lines: [
				{ line: 1, outcome: 'refund' },
				{ line: 2, outcome: 'refund' }
			]
		});
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ shippingRefundMinor: 495, refundMinor: 3495 });

		const part = await createDeliveredOrder(t.db, {
			country: 'NL',
			shippingMinor: 495,
			lines: [
				{ quantity: 1, priceMinor: 2000 },
				{ quantity: 1, priceMinor: 1000 }
			]
		});
		const one = await insertReturn(t.db, part, {
			lines: [{ orderLine: 1, quantity: 1, status: 'inspected' }]
		});
		await setDecision(one.id, 1, law);
		const partRes = await resolve(one.id, { lines: [{ line: 1, outcome: 'refund' }] });
		expect(await partRes.json()).toMatchObject({ shippingRefundMinor: 0, refundMinor: 2000 });
	});

	it('refuses a line that must be inspected first, and a warehouse user', async () => {
		const order = await createDeliveredOrder(t.db, { lines: [{ quantity: 1 }] });
		const ret = await insertReturn(t.db, order, { lines: [{ orderLine: 1, quantity: 1 }] });
		const early = await resolve(ret.id, { lines: [{ line: 1, outcome: 'refund' }] });
		expect(early.status).toBe(409);
		expect((await early.json()).type).toMatch(/line-not-inspected$/);
		expect(
			(await resolve(ret.id, { lines: [{ line: 1, outcome: 'refund' }] }, warehouse)).status
		).toBe(403);
	});
});

describe('resolve: keep the item, goodwill', () => {
	it('lets the customer keep a cheap item before anything arrives; refuses a dear one', async () => {
		const order = await createDeliveredOrder(t.db, {
			lines: [
				{ quantity: 1, priceMinor: 400 },
				{ quantity: 1, priceMinor: 9000 }
			]
		});
		const ret = await insertReturn(t.db, order, {
			lines: [
				{ orderLine: 1, quantity: 1 },
				{ orderLine: 2, quantity: 1 }
			]
		});
		await setDecision(ret.id, 1, {
			eligible: true,
			outcomes: ['refund', 'keep_item'],
			keepItemAllowed: true
		});
		await setDecision(ret.id, 2, { eligible: true, outcomes: ['refund'], keepItemAllowed: false });
		const dear = await resolve(ret.id, { lines: [{ line: 2, outcome: 'keep_item' }] });
		expect(dear.status).toBe(409);
		expect((await dear.json()).type).toMatch(/keep-item-not-allowed$/);
		const cheap = await resolve(ret.id, {
			lines: [{ line: 1, outcome: 'keep_item', as: 'store_credit' }]
		});
		expect(cheap.status).toBe(200);
		const body = await cheap.json();
		expect(body.lines[0]).toMatchObject({ status: 'resolved', outcome: 'keep_item' });
		expect(body.lines[1].status).toBe('authorised');
		expect(body).toMatchObject({
			status: 'authorised',
			storeCreditMinor: 400,
			storeCreditBalanceMinor: 400
		});
	});

	it('lets a rep give goodwill up to the threshold; above it needs a manager, who is recorded', async () => {
		const order = await createDeliveredOrder(t.db, { lines: [{ quantity: 1, priceMinor: 5000 }] });
		const ret = await insertReturn(t.db, order, { lines: [{ orderLine: 1, quantity: 1 }] });
		const small = await resolve(
			ret.id,
			{ goodwill: { amountMinor: 1500, reason: 'Parcel was late' } },
			rep,
			'gw-small'
		);
		expect(small.status).toBe(200);
		const big = await resolve(
			ret.id,
			{ goodwill: { amountMinor: 2500, reason: 'Parcel was late' } },
			rep,
			'gw-big'
		);
		expect(big.status).toBe(403);
		expect((await big.json()).detail).toMatch(/manager/);
		const approved = await resolve(
			ret.id,
			{ goodwill: { amountMinor: 2500, reason: 'Parcel was late again' } },
			manager,
			'gw-approved'
		);
		expect(approved.status).toBe(200);
		const rows = await refundsOf(ret.id);
		expect(rows.map((r) => [r.kind, r.amount_minor, r.approved_by_id])).toEqual([
			['goodwill', 2500, manager.user.id],
			['goodwill', 1500, null]
		]);
		// Missing reason: a 422 in words.
		const noReason = await resolve(
			ret.id,
			{ goodwill: { amountMinor: 100, reason: '' } },
			rep,
			'gw-no-reason'
		);
		expect(noReason.status).toBe(422);
	});

	it('counts the goodwill already given: small amounts never add up past the manager', async () => {
		const order = await createDeliveredOrder(t.db, { lines: [{ quantity: 1, priceMinor: 7200 }] });
		const ret = await insertReturn(t.db, order, { lines: [{ orderLine: 1, quantity: 1 }] });
		const give = (amountMinor: number, key: string) =>
			resolve(ret.id, { goodwill: { amountMinor, reason: 'Sorry' } }, rep, key);
		expect((await give(2000, 'split-1')).status).toBe(200);
		const second = await give(2000, 'split-2');
		expect(second.status).toBe(403);
		expect((await second.json()).detail).toMatch(/already/);
		expect((await give(1, 'split-3')).status).toBe(403);
		expect((await refundsOf(ret.id)).map((r) => r.amount_minor)).toEqual([2000]);
	});

	it('needs an Idempotency-Key for goodwill, so a retry never gives it twice', async () => {
		const order = await createDeliveredOrder(t.db, { lines: [{ quantity: 1, priceMinor: 5000 }] });
		const ret = await insertReturn(t.db, order, { lines: [{ orderLine: 1, quantity: 1 }] });
		const body = { goodwill: { amountMinor: 100, reason: 'Late parcel' } };
		const keyless = await resolve(ret.id, body);
		expect(keyless.status).toBe(422);
		expect((await keyless.json()).type).toBe('urn:ordo:problem:idempotency-key-required');
		expect((await resolve(ret.id, body, rep, 'gw-once')).status).toBe(200);
		expect((await resolve(ret.id, body, rep, 'gw-once')).status).toBe(200);
		expect(await refundsOf(ret.id)).toHaveLength(1);
	});

	it('refuses goodwill and overrides on a cancelled return', async () => {
		const order = await createDeliveredOrder(t.db, { lines: [{ quantity: 1, priceMinor: 5000 }] });
		const ret = await insertReturn(t.db, order, {
			lines: [{ orderLine: 1, quantity: 1, status: 'cancelled' }]
		});
		await t.db.run(sql`UPDATE returns SET status = 'cancelled' WHERE id = ${ret.id}`);
		const goodwill = await resolve(
			ret.id,
			{ goodwill: { amountMinor: 100, reason: 'Late' } },
			manager,
			'gw-cancelled'
		);
		expect(goodwill.status).toBe(409);
		expect((await goodwill.json()).type).toBe('urn:ordo:problem:return-closed');
		const override = await t.request(`/api/returns/${ret.id}/overrides`, {
			method: 'POST',
			session: manager,
			json: { rule: 'goodwill', reason: 'Customer called' }
		});
		expect(override.status).toBe(409);
		expect(await refundsOf(ret.id)).toHaveLength(0);
	});
});

describe('overrides', () => {
	it('lets a manager make an ineligible line eligible with a reason, audited; not a rep', async () => {
		const order = await createDeliveredOrder(t.db, { lines: [{ quantity: 1 }] });
		const ret = await insertReturn(t.db, order, {
			lines: [{ orderLine: 1, quantity: 1, status: 'inspected' }]
		});
		await setDecision(ret.id, 1, {
			eligible: false,
			decidedBy: 'policy',
			outcomes: [],
			explanation: ['Outside the 30-day window']
		});
		expect((await resolve(ret.id, { lines: [{ line: 1, outcome: 'refund' }] })).status).toBe(409);
		const body = {
			line: 1,
			rule: 'window',
			reason: 'Loyal customer, 2 days late',
			after: { outcomes: ['refund'] }
		};
		const byRep = await t.request(`/api/returns/${ret.id}/overrides`, {
			method: 'POST',
			session: rep,
			json: body
		});
		expect(byRep.status).toBe(403);
		const noReason = await t.request(`/api/returns/${ret.id}/overrides`, {
			method: 'POST',
			session: manager,
			json: { ...body, reason: ' ' }
		});
		expect(noReason.status).toBe(422);
		const ok = await t.request(`/api/returns/${ret.id}/overrides`, {
			method: 'POST',
			session: manager,
			json: body
		});
		expect(ok.status).toBe(201);
		expect((await ok.json()).overrides).toEqual([
			expect.objectContaining({ line: 1, rule: 'window', managerId: manager.user.id })
		]);
		const [line] = await t.db.all<{ decision: string }>(
			sql`SELECT decision FROM return_lines WHERE return_id = ${ret.id}`
		);
		expect(JSON.parse(line!.decision)).toMatchObject({ eligible: true, decidedBy: 'override' });
		expect(
			await count(
				sql`SELECT count(*) AS n FROM audit_log WHERE action = 'return.override' AND target_id = ${ret.id}`
			)
		).toBe(1);
		expect((await resolve(ret.id, { lines: [{ line: 1, outcome: 'refund' }] })).status).toBe(200);
		const list = await t.request(`/api/returns/${ret.id}/overrides`, { session: rep });
		expect((await list.json()).overrides).toHaveLength(1);
	});

	it('never sets a line to give back more than was paid for it, as refund or as credit', async () => {
		const order = await createDeliveredOrder(t.db, { lines: [{ quantity: 1, priceMinor: 1000 }] });
		const ret = await insertReturn(t.db, order, {
			lines: [{ orderLine: 1, quantity: 1, status: 'inspected' }]
		});
		const override = (refundMinor: number) =>
			t.request(`/api/returns/${ret.id}/overrides`, {
				method: 'POST',
				session: manager,
				json: { line: 1, rule: 'fee', reason: 'Waive the fee', after: { refundMinor } }
			});
		const huge = await override(50_000);
		expect(huge.status).toBe(409);
		expect((await huge.json()).type).toBe('urn:ordo:problem:override-exceeds-paid');
		expect((await override(1000)).status).toBe(201);
		const credited = await resolve(ret.id, { lines: [{ line: 1, outcome: 'store_credit' }] });
		expect(credited.status).toBe(200);
		expect((await credited.json()).refundMinor).toBe(1000);
	});
});

describe('store credit', () => {
	const credit = (customerId: string) =>
		t.request(`/api/customers/${customerId}/store-credit`, { session: rep });

	it('issues, counts merged customers, refuses overdraw, reverses once', async () => {
		const order = await createDeliveredOrder(t.db, { lines: [{ quantity: 1, priceMinor: 3000 }] });
		const ret = await insertReturn(t.db, order, {
			lines: [{ orderLine: 1, quantity: 1, status: 'inspected' }]
		});
		const res = await resolve(ret.id, { lines: [{ line: 1, outcome: 'store_credit' }] });
		expect(res.status).toBe(200);
		expect(await refundsOf(ret.id)).toHaveLength(0);
		// A duplicate merged into this customer brings its credit along.
		const dup = await createCustomer(t.db);
		await t.db
			.run(sql`INSERT INTO store_credit_entries (id, customer_id, currency, amount_minor, kind,
			idempotency_key, created_at) VALUES (${crypto.randomUUID()}, ${dup.id}, 'GBP', 500, 'goodwill', ${crypto.randomUUID()}, 1)`);
		await t.db.run(
			sql`UPDATE customers SET merged_into = ${order.customerId} WHERE id = ${dup.id}`
		);
		const ledger = await (await credit(order.customerId)).json();
		expect(ledger.balances).toEqual([{ currency: 'GBP', balanceMinor: 3500 }]);
		expect(ledger.entries).toHaveLength(2);

		const issueOf = (json: unknown, key?: string) =>
			t.request(`/api/customers/${order.customerId}/store-credit`, {
				method: 'POST',
				session: manager,
				json,
				headers: key ? { 'idempotency-key': key } : {}
			});
		// Money by hand: a key so a retry gives it once; the shop's currency; a sane ceiling.
		expect((await issueOf({ amountMinor: 1000, note: 'Sorry' })).status).toBe(422);
		expect(
			(await issueOf({ amountMinor: 1000, currency: 'XXX', note: 'Sorry' }, 'credit-xxx')).status
		).toBe(422);
		expect((await issueOf({ amountMinor: 1_000_000_000, note: 'Oops' }, 'credit-big')).status).toBe(
			422
		);
		const issue = await issueOf({ amountMinor: 1000, note: 'Sorry for the wait' }, 'credit-1');
		expect(issue.status).toBe(201);
		expect(
			(await issueOf({ amountMinor: 1000, note: 'Sorry for the wait' }, 'credit-1')).status
		).toBe(201);
		expect((await issue.json()).balances[0].balanceMinor).toBe(4500);
		const byRep = await t.request(`/api/customers/${order.customerId}/store-credit`, {
			method: 'POST',
			session: rep,
			json: { amountMinor: 1000, note: 'x' }
		});
		expect(byRep.status).toBe(403);

		// Spend most of it (a phone order's spend entry), then reversing the return credit overdraws.
		await t.db
			.run(sql`INSERT INTO store_credit_entries (id, customer_id, currency, amount_minor, kind,
			idempotency_key, created_at) VALUES (${crypto.randomUUID()}, ${order.customerId}, 'GBP', -3000, 'spend', ${crypto.randomUUID()}, 2)`);
		const [entry] = await t.db.all<{ id: string }>(
			sql`SELECT id FROM store_credit_entries WHERE return_id = ${ret.id}`
		);
		const reverse = (id: string, session = manager) =>
			t.request(`/api/store-credit/${id}/reverse`, {
				method: 'POST',
				session,
				json: { note: 'Issued by mistake' }
			});
		const over = await reverse(entry!.id);
		expect(over.status).toBe(409);
		expect((await over.json()).type).toMatch(/store-credit-overdrawn$/);
		const [goodwill] = await t.db.all<{ id: string }>(
			sql`SELECT id FROM store_credit_entries WHERE customer_id = ${order.customerId} AND kind = 'goodwill'`
		);
		expect((await reverse(goodwill!.id, rep)).status).toBe(403);
		const undone = await reverse(goodwill!.id);
		expect(undone.status).toBe(201);
		expect((await undone.json()).balances[0].balanceMinor).toBe(500);
		const twice = await reverse(goodwill!.id);
		expect(twice.status).toBe(409);
		expect((await twice.json()).type).toMatch(/store-credit-already-reversed$/);
	});

	it('answers 404 for an unknown customer, and 403 to people who may not read customers', async () => {
		expect((await credit(crypto.randomUUID())).status).toBe(404);
		const customer = await createCustomer(t.db);
		const asWarehouse = (path: string) => t.request(path, { session: warehouse });
		expect((await asWarehouse(`/api/customers/${customer.id}/store-credit`)).status).toBe(403);
		expect((await asWarehouse(`/api/customers/${customer.id}/return-signals`)).status).toBe(403);
	});
});

describe('exchanges on the original order', () => {
	const exchangeable = {
		eligible: true,
		outcomes: ['refund', 'store_credit', 'exchange'],
		waitsForInspection: { refund: true, store_credit: false, exchange: false }
	};
	async function receivedReturn(priceMinor = 1000) {
		const order = await createDeliveredOrder(t.db, { lines: [{ quantity: 1, priceMinor }] });
		const ret = await insertReturn(t.db, order, {
			lines: [{ orderLine: 1, quantity: 1, status: 'received' }]
		});
		await setDecision(ret.id, 1, exchangeable);
		return { order, ret };
	}
	const orderLines = (orderId: string) =>
		t.db.all<{
			line: number;
			product_id: string;
			unit_price_minor: number;
			net_minor: number;
			replaces_line: number | null;
			return_id: string | null;
		}>(
			sql`SELECT line, product_id, unit_price_minor, net_minor, replaces_line, return_id
				FROM order_lines WHERE order_id = ${orderId} ORDER BY line`
		);
	const reserved = async (productId: string, locationId: string) =>
		(
			await t.db.all<{ reserved: number }>(
				sql`SELECT reserved FROM stock_levels WHERE product_id = ${productId} AND location_id = ${locationId}`
			)
		)[0]?.reserved ?? 0;

	it('adds the same item as a new line on the original order, reserves it, back to the warehouse', async () => {
		const { order, ret } = await receivedReturn();
		const before = await reserved(order.products[0]!.id, order.locationId);
		const res = await resolve(ret.id, { lines: [{ line: 1, outcome: 'exchange' }] });
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body.lines[0]).toMatchObject({
			status: 'resolved',
			outcome: 'exchange',
			replacementOrderLine: 2
		});
		expect(body.refunds).toEqual([]);
		expect((await orderLines(order.id))[1]).toMatchObject({
			line: 2,
			product_id: order.products[0]!.id,
			unit_price_minor: 1000,
			net_minor: 1000,
			replaces_line: 1,
			return_id: ret.id
		});
		expect(await reserved(order.products[0]!.id, order.locationId)).toBe(before + 1);
		const [o] = await t.db.all<{ status: string; fulfilment_status: string; total_minor: number }>(
			sql`SELECT status, fulfilment_status, total_minor FROM orders WHERE id = ${order.id}`
		);
		expect(o).toEqual({ status: 'paid', fulfilment_status: 'partial', total_minor: 1000 });
	});

	// A dearer replacement is charged by payment link: returns-exchange-dearer.test.ts.
	it('exchanges for a cheaper product and refunds the difference', async () => {
		const { order, ret } = await receivedReturn(1000);
		const cheaper = await createProduct(t.db, { priceMinor: 700 });
		await receiveStock(t.db, { productId: cheaper.id, locationId: order.locationId, onHand: 3 });
		const res = await resolve(ret.id, {
			lines: [{ line: 1, outcome: 'exchange', exchange: { sku: cheaper.sku } }]
		});
		expect(res.status).toBe(200);
		expect(await refundsOf(ret.id)).toEqual([
			expect.objectContaining({ kind: 'exchange_difference', amount_minor: 300 })
		]);
		expect((await orderLines(order.id))[1]).toMatchObject({
			product_id: cheaper.id,
			unit_price_minor: 700
		});
		expect(await reserved(cheaper.id, order.locationId)).toBe(1);
	});

	it('names the missing stock, or pays the fallback when the request gives one', async () => {
		const { order, ret } = await receivedReturn();
		const none = await createProduct(t.db, { priceMinor: 1000 });
		const out = await resolve(ret.id, {
			lines: [{ line: 1, outcome: 'exchange', exchange: { productId: none.id } }]
		});
		expect(out.status).toBe(409);
		expect((await out.json()).title).toContain(none.sku);
		const res = await resolve(ret.id, {
			lines: [
				{ line: 1, outcome: 'exchange', exchange: { productId: none.id }, fallback: 'store_credit' }
			]
		});
		expect(res.status).toBe(200);
		expect((await res.json()).lines[0]).toMatchObject({
			outcome: 'store_credit',
			replacementOrderLine: null
		});
		expect(await orderLines(order.id)).toHaveLength(1);
	});

	it('sends an instant exchange before the goods arrive, only when the return says so', async () => {
		const order = await createDeliveredOrder(t.db, { lines: [{ quantity: 1 }] });
		const ret = await insertReturn(t.db, order, { lines: [{ orderLine: 1, quantity: 1 }] });
		await setDecision(ret.id, 1, exchangeable);
		const early = await resolve(ret.id, { lines: [{ line: 1, outcome: 'exchange' }] });
		expect(early.status).toBe(409);
		expect((await early.json()).type).toMatch(/line-not-received$/);
		await t.db.run(sql`UPDATE returns SET instant_exchange = 1 WHERE id = ${ret.id}`);
		expect((await resolve(ret.id, { lines: [{ line: 1, outcome: 'exchange' }] })).status).toBe(200);
	});
});
