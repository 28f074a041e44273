import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, createLocation, createProduct, receiveStock } from '../support/factories';
import {
	createPaymentsTestApi,
	pressOnHostedPage,
	type PaymentsTestApi
} from '../support/payments-harness';
import type { Session } from '../support/test-api';
import { jobCtx } from '../../worker/features/maintenance/run-jobs';
import { expireUnpaidOrders, UNPAID_HOLD_MS } from '../../worker/features/orders/expire-unpaid';
import { TEST_DATA_KEY } from '../support/factories';

// Store credit spent on a phone order (issue 11): debited in the placing batch with the
// order's payment record (provider 'store_credit'); all of the total: paid at once; less:
// the rest by the hosted payment link. Cancelling or refunding gives it back as credit, the
// card first and the credit last. Overdraw is impossible; two spends of one credit: one wins.

let t: PaymentsTestApi;
let rep: Session;
let manager: Session;

beforeAll(async () => {
	t = await createPaymentsTestApi();
	rep = await t.signIn('support');
	manager = await t.signIn('manager');
});
afterAll(() => t.close());

/** A customer with `creditMinor` of store credit, and a product at 10.00 in stock. */
async function setup(creditMinor: number) {
	const customer = await createCustomer(t.db);
	const location = await createLocation(t.db);
	const product = await createProduct(t.db, { priceMinor: 1000, currency: 'GBP' });
	await receiveStock(t.db, { productId: product.id, locationId: location.id, onHand: 20 });
	if (creditMinor > 0) {
		const res = await t.request(`/api/customers/${customer.id}/store-credit`, {
			method: 'POST',
			session: manager,
			json: { amountMinor: creditMinor, note: 'Goodwill for a late parcel' },
			headers: { 'idempotency-key': crypto.randomUUID() }
		});
		expect(res.status).toBe(201);
	}
	return { customer, location, product };
}

type Setup = Awaited<ReturnType<typeof setup>>;

const place = (s: Setup, quantity: number, storeCreditMinor?: number) =>
	t.request('/api/orders', {
		method: 'POST',
		session: rep,
		json: {
			customerId: s.customer.id,
			lines: [{ productId: s.product.id, locationId: s.location.id, quantity }],
			...(storeCreditMinor !== undefined ? { storeCreditMinor } : {})
		}
	});

async function balance(customerId: string): Promise<number> {
	const res = await t.request(`/api/customers/${customerId}/store-credit`, { session: rep });
	const body = await res.json();
	return body.balances.find((b: { currency: string }) => b.currency === 'GBP')?.balanceMinor ?? 0;
}

const paymentsOf = (orderId: string) =>
	t.db.all<{ provider: string; status: string; captured_minor: number; refunded_minor: number }>(
		sql`SELECT provider, status, captured_minor, refunded_minor FROM payments
			WHERE order_id = ${orderId} ORDER BY created_at`
	);

describe('store credit on a phone order (happy)', () => {
	it('credit covering the total pays the order at once, in the placing batch', async () => {
		const s = await setup(3000);
		const res = await place(s, 2, 2000);
		expect(res.status).toBe(201);
		const order = await res.json();
		expect(order).toMatchObject({ status: 'paid', paymentStatus: 'paid', totalMinor: 2000 });
		expect(await balance(s.customer.id)).toBe(1000);
		expect(await paymentsOf(order.id)).toEqual([
			{ provider: 'store_credit', status: 'succeeded', captured_minor: 2000, refunded_minor: 0 }
		]);
		const [entry] = await t.db.all<{ kind: string; amount_minor: number; note: string }>(
			sql`SELECT kind, amount_minor, note FROM store_credit_entries WHERE order_id = ${order.id}`
		);
		expect(entry).toEqual({ kind: 'spend', amount_minor: -2000, note: `Spent on ${order.number}` });
		// Nothing left to pay: no link.
		const link = await t.request(`/api/orders/${order.id}/payment-link`, {
			method: 'POST',
			session: rep,
			json: {}
		});
		expect(link.status).toBe(409);
	});

	it('part paid by credit: the payment link asks only the rest, and its webhook pays the order', async () => {
		const s = await setup(500);
		const order = await (await place(s, 2, 500)).json();
		expect(order).toMatchObject({ status: 'pending_payment', paymentStatus: 'unpaid' });
		const res = await t.request(`/api/orders/${order.id}/payment-link`, {
			method: 'POST',
			session: rep,
			json: {}
		});
		expect(res.status).toBe(201);
		const link = await res.json();
		expect(link.amountMinor).toBe(1500);
		expect((await pressOnHostedPage(link.url, 'pay')).status).toBe(303);
		await t.sandbox.webhooks.settled();
		const [row] = await t.db.all<{ status: string; payment_status: string }>(
			sql`SELECT status, payment_status FROM orders WHERE id = ${order.id}`
		);
		expect(row).toEqual({ status: 'paid', payment_status: 'paid' });
		expect(await balance(s.customer.id)).toBe(0);
	});

	it('cancelling gives the credit back as credit and the card its part, card first', async () => {
		const s = await setup(800);
		const order = await (await place(s, 2, 800)).json();
		const link = await (
			await t.request(`/api/orders/${order.id}/payment-link`, {
				method: 'POST',
				session: rep,
				json: {}
			})
		).json();
		await pressOnHostedPage(link.url, 'pay');
		await t.sandbox.webhooks.settled();
		const res = await t.request(`/api/orders/${order.id}/cancel`, {
			method: 'POST',
			session: rep,
			json: { reason: 'Customer changed their mind' }
		});
		expect(res.status).toBe(200);
		// The credit came back at once, in the cancellation's batch.
		expect(await balance(s.customer.id)).toBe(800);
		const refunds = await t.db.all<{ status: string; amount_minor: number; provider: string }>(
			sql`SELECT r.status, r.amount_minor, p.provider FROM refunds r JOIN payments p ON p.id = r.payment_id
				WHERE r.order_id = ${order.id} ORDER BY p.created_at DESC`
		);
		expect(refunds).toEqual([
			{ status: 'pending', amount_minor: 1200, provider: 'sandbox' },
			{ status: 'succeeded', amount_minor: 800, provider: 'store_credit' }
		]);
		const [entry] = await t.db.all<{ kind: string; amount_minor: number }>(
			sql`SELECT kind, amount_minor FROM store_credit_entries WHERE order_id = ${order.id} AND kind = 'refund'`
		);
		expect(entry).toEqual({ kind: 'refund', amount_minor: 800 });
	});

	it('a partial refund of an order paid by card and credit takes the card first', async () => {
		const s = await setup(800);
		const order = await (await place(s, 2, 800)).json();
		const link = await (
			await t.request(`/api/orders/${order.id}/payment-link`, {
				method: 'POST',
				session: rep,
				json: {}
			})
		).json();
		await pressOnHostedPage(link.url, 'pay');
		await t.sandbox.webhooks.settled();
		const res = await t.request(`/api/orders/${order.id}/refunds`, {
			method: 'POST',
			session: manager,
			json: { amountMinor: 500, reason: 'Scuffed box' }
		});
		expect(res.status).toBe(201);
		expect((await paymentsOf(order.id)).map((p) => [p.provider, p.refunded_minor])).toEqual([
			['store_credit', 0],
			['sandbox', 500]
		]);
		expect(await balance(s.customer.id)).toBe(0);
	});

	it('a rep’s refund of an order paid all by credit goes back as credit', async () => {
		const s = await setup(1000);
		const order = await (await place(s, 1, 1000)).json();
		const res = await t.request(`/api/orders/${order.id}/refunds`, {
			method: 'POST',
			session: manager,
			json: { amountMinor: 400, reason: 'Price match' }
		});
		expect(res.status).toBe(201);
		expect(await res.json()).toMatchObject({ status: 'succeeded', amountMinor: 400 });
		expect(await balance(s.customer.id)).toBe(400);
		const [row] = await t.db.all<{ payment_status: string }>(
			sql`SELECT payment_status FROM orders WHERE id = ${order.id}`
		);
		expect(row!.payment_status).toBe('partially_refunded');
	});
});

describe('store credit on a phone order (expiry)', () => {
	it('an order part paid by credit and never paid for the rest expires, and the credit comes back', async () => {
		const s = await setup(500);
		const order = await (await place(s, 2, 500)).json();
		const later = Date.now() + UNPAID_HOLD_MS + 60_000;
		await expireUnpaidOrders({ ctx: jobCtx(t.db, 'test', later, TEST_DATA_KEY) });
		const [row] = await t.db.all<{ status: string }>(
			sql`SELECT status FROM orders WHERE id = ${order.id}`
		);
		expect(row!.status).toBe('cancelled');
		expect(await balance(s.customer.id)).toBe(500);
	});
});

describe('store credit on a phone order (errors)', () => {
	it('refuses more credit than the customer has: 409, no order, no debit', async () => {
		const s = await setup(500);
		const res = await place(s, 1, 600);
		expect(res.status).toBe(409);
		expect((await res.json()).type).toMatch(/store-credit-overdrawn$/);
		const [n] = await t.db.all<{ n: number }>(
			sql`SELECT count(*) AS n FROM orders WHERE customer_id = ${s.customer.id}`
		);
		expect(n!.n).toBe(0);
		expect(await balance(s.customer.id)).toBe(500);
	});

	it('two orders racing for the same credit: one wins, the other gets a 409', async () => {
		const s = await setup(1000);
		const results = await Promise.all([place(s, 1, 1000), place(s, 1, 1000)]);
		expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
		expect(await balance(s.customer.id)).toBe(0);
	});

	it('refuses credit without a customer, or above the total, with words', async () => {
		const s = await setup(5000);
		const above = await place(s, 1, 1500);
		expect(above.status).toBe(422);
		expect((await above.json()).errors.storeCreditMinor).toEqual(['At most 1000']);
		const anonymous = await t.request('/api/orders', {
			method: 'POST',
			session: rep,
			json: {
				lines: [{ productId: s.product.id, locationId: s.location.id, quantity: 1 }],
				storeCreditMinor: 100
			}
		});
		expect(anonymous.status).toBe(422);
		expect((await anonymous.json()).type).toMatch(/store-credit-needs-customer$/);
		expect(await balance(s.customer.id)).toBe(5000);
	});
});
