import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../support/factories';
import { createPendingOrder } from '../support/orders-factory';
import {
	createPaymentsTestApi,
	pressOnHostedPage,
	type PaymentsTestApi
} from '../support/payments-harness';
import { insertReturn, type DeliveredOrder } from '../support/returns-factory';
import type { Session } from '../support/test-api';
import { systemCtx, type Bindings } from '../../worker/core/context';
import { paymentProvider } from '../../worker/features/payments/configure';
import { REFUND_SEND_AFTER_MS, sendPendingRefunds } from '../../worker/features/payments/scheduled';

// A return's refunds are pending rows after the resolving batch; the scheduled refund job
// sends them (as it does a cancellation's) to the provider (the sandbox here, over real
// HTTP). A refund the provider refuses is a visible state with the manual path.

let t: PaymentsTestApi;
let rep: Session;
let manager: Session;

beforeAll(async () => {
	t = await createPaymentsTestApi();
	rep = await t.signIn('support');
	manager = await t.signIn('manager');
});
afterAll(() => t.close());

/** An order paid on the hosted page with `card`, then shipped and delivered. */
async function deliveredPaidOrder(card: string): Promise<DeliveredOrder> {
	const order = await createPendingOrder(t.db, { quantity: 2, unitPriceMinor: 1000 });
	const link = await (
		await t.request(`/api/orders/${order.id}/payment-link`, {
			method: 'POST',
			session: rep,
			json: {}
		})
	).json();
	await pressOnHostedPage(link.url, 'pay', card);
	await t.sandbox.webhooks.settled();
	const customer = await createCustomer(t.db);
	await t.db.batch([
		t.db.run(sql`UPDATE order_lines SET quantity_shipped = quantity WHERE order_id = ${order.id}`),
		t.db.run(
			sql`UPDATE orders SET status = 'delivered', customer_id = ${customer.id} WHERE id = ${order.id}`
		)
	]);
	return {
		id: order.id,
		number: '',
		customerId: customer.id,
		locationId: '',
		products: [],
		paymentIds: [],
		totalMinor: 2000
	};
}

async function resolveOne(order: DeliveredOrder) {
	const ret = await insertReturn(t.db, order, {
		lines: [{ orderLine: 1, quantity: 1, status: 'inspected' }]
	});
	const res = await t.request(`/api/returns/${ret.id}/resolve`, {
		method: 'POST',
		session: rep,
		json: { lines: [{ line: 1, outcome: 'refund' }] }
	});
	expect(res.status).toBe(200);
	expect((await res.json()).refunds).toEqual([expect.objectContaining({ status: 'pending' })]);
	// The scheduled job's run, a minute later.
	const sent = await sendPendingRefunds({
		ctx: systemCtx(t.db, Date.now() + REFUND_SEND_AFTER_MS + 1000),
		provider: paymentProvider(t.env as unknown as Bindings)
	});
	expect(sent.sent).toBeGreaterThanOrEqual(1);
	const body = await (
		await t.request(`/api/returns/${ret.id}/resolution`, { session: rep })
	).json();
	return { ret, body };
}

describe('return refunds through the provider', () => {
	it('leaves the refund pending for the job, which sends it: succeeded, the payment shows it', async () => {
		const order = await deliveredPaidOrder('visa');
		const { body } = await resolveOne(order);
		expect(body.refunds).toEqual([
			expect.objectContaining({ amountMinor: 1000, kind: 'return', status: 'succeeded' })
		]);
		expect(body.payments[0]).toMatchObject({ capturedMinor: 2000, refundedMinor: 1000 });
	});

	it('shows a refused refund as failed with its reason, and records the manual refund', async () => {
		const order = await deliveredPaidOrder('mastercard_refunds_fail');
		const { ret, body } = await resolveOne(order);
		const [refund] = body.refunds;
		expect(refund).toMatchObject({ status: 'failed', amountMinor: 1000 });
		expect(refund.failureReason).toBeTruthy();
		// The line is resolved (the decision stands); the money is what is left to do.
		expect(body.lines[0].status).toBe('resolved');
		const manual = await t.request(`/api/refunds/${refund.id}/manual`, {
			method: 'POST',
			session: manager,
			json: { note: 'Bank transfer to the customer' }
		});
		expect(manual.status).toBe(200);
		const after = await (
			await t.request(`/api/returns/${ret.id}/resolution`, { session: rep })
		).json();
		expect(after.refunds[0].status).toBe('manual');
	});
});
