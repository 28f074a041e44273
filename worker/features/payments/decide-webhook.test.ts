import { describe, expect, it } from 'vitest';
import { decideWebhook, type Snapshot } from './decide-webhook';
import type { ProviderEvent, SessionState } from './provider';

const session: SessionState = {
	id: 'cs_1',
	status: 'complete',
	paymentStatus: 'paid',
	amountTotal: 2500,
	currency: 'GBP',
	paymentIntent: 'pi_1',
	card: { brand: 'visa', last4: '4242' }
};

function snapshot(
	over: Partial<Snapshot> = {},
	payment: Partial<NonNullable<Snapshot['payment']>> = {}
): Snapshot {
	return {
		payment: {
			id: 'pay_1',
			version: 1,
			status: 'pending',
			orderId: 'o1',
			amountMinor: 2500,
			capturedMinor: 0,
			refundedMinor: 0,
			currency: 'GBP',
			...payment
		},
		order: {
			id: 'o1',
			number: 'ORD-10001',
			version: 1,
			status: 'pending_payment',
			heldFrom: null,
			paymentStatus: 'unpaid',
			customerId: null
		},
		otherLivePayments: 0,
		lines: [{ productId: 'p1', locationId: 'l1', open: 2 }],
		refunds: [],
		...over
	};
}

const event = (type: string, s: Partial<SessionState> = {}) =>
	({ id: 'evt_1', type, kind: 'session', session: { ...session, ...s } }) as ProviderEvent;

describe('decideWebhook', () => {
	it('pays an order waiting by its status whatever its payment status says (a dearer exchange)', () => {
		const waiting = snapshot({}, { amountMinor: 500 });
		waiting.order = { ...waiting.order!, paymentStatus: 'partially_refunded' };
		const plan = decideWebhook(event('checkout.session.completed', { amountTotal: 500 }), waiting);
		expect(plan.order).toEqual({ status: 'paid' });
		expect(plan.timeline.map((n) => n.kind)).toContain('order.paid');
	});

	it('refunds a late payment on a cancelled order even when it was paid before', () => {
		const cancelled = snapshot();
		cancelled.order = { ...cancelled.order!, status: 'cancelled', paymentStatus: 'refunded' };
		const plan = decideWebhook(event('checkout.session.completed'), cancelled);
		expect(plan.refundLate).toEqual({ amountMinor: 2500 });
		expect(plan.order).toBeNull();
	});

	it('refunds in full a payment that lands after the order was cancelled, keeping it cancelled', () => {
		const cancelled = snapshot();
		cancelled.order = { ...cancelled.order!, status: 'cancelled' };
		const plan = decideWebhook(event('checkout.session.completed'), cancelled);
		expect(plan.payment).toMatchObject({ status: 'succeeded', capturedMinor: 2500 });
		expect(plan.order).toEqual({ paymentStatus: 'paid' });
		expect(plan.refundLate).toEqual({ amountMinor: 2500 });
		expect(plan.release).toEqual([]);
		expect(plan.timeline.map((n) => n.kind)).toContain('order.paid_after_cancel');
	});

	it('marks a paid checkout succeeded and the waiting order paid', () => {
		const plan = decideWebhook(event('checkout.session.completed'), snapshot());
		expect(plan.payment).toMatchObject({
			status: 'succeeded',
			capturedMinor: 2500,
			cardLast4: '4242'
		});
		expect(plan.order).toEqual({ paymentStatus: 'paid', status: 'paid' });
	});

	it('keeps an on-hold order on hold, to return to paid', () => {
		const s = snapshot();
		s.order = { ...s.order!, status: 'on_hold', heldFrom: 'pending_payment' };
		expect(decideWebhook(event('checkout.session.completed'), s).order).toEqual({
			paymentStatus: 'paid',
			heldFrom: 'paid'
		});
	});

	it('waits for the bank when the checkout completes unpaid', () => {
		const plan = decideWebhook(
			event('checkout.session.completed', { paymentStatus: 'unpaid' }),
			snapshot()
		);
		expect(plan.payment).toEqual({ paymentIntentRef: 'pi_1' });
		expect(plan.order).toBeNull();
	});

	it('changes nothing for an expiry after success (out of order)', () => {
		const plan = decideWebhook(
			event('checkout.session.expired'),
			snapshot({}, { status: 'succeeded' })
		);
		expect(plan).toMatchObject({ payment: null, order: null, release: [] });
		expect(plan.outcome).toMatch(/already succeeded/);
	});

	it('cancels and releases on expiry only when no other link is live', () => {
		expect(decideWebhook(event('checkout.session.expired'), snapshot()).release).toHaveLength(1);
		const other = decideWebhook(
			event('checkout.session.expired'),
			snapshot({ otherLivePayments: 1 })
		);
		expect(other.order).toBeNull();
		expect(other.release).toEqual([]);
	});

	it('ignores events for unknown payments and types', () => {
		expect(
			decideWebhook(event('checkout.session.completed'), snapshot({ payment: null })).outcome
		).toMatch(/no payment/);
		expect(
			decideWebhook({ id: 'e', type: 'invoice.paid', kind: 'other' }, snapshot()).outcome
		).toMatch(/invoice.paid/);
	});

	it('settles a pending refund the provider reports done, once', () => {
		const refunds = [
			{ id: 'r1', status: 'pending' as const, amountMinor: 500, providerRef: 're_1' }
		];
		const refunded: ProviderEvent = {
			id: 'e2',
			type: 'refund.updated',
			kind: 'refunds',
			refunds: [
				{ id: 're_1', status: 'succeeded', amount: 500, paymentIntent: 'pi_1', failureReason: null }
			]
		};
		const plan = decideWebhook(
			refunded,
			snapshot({ refunds }, { status: 'succeeded', capturedMinor: 2500 })
		);
		expect(plan.payment).toEqual({ refundedMinor: 500, status: 'partially_refunded' });
		const done = [{ ...refunds[0]!, status: 'succeeded' as const }];
		expect(
			decideWebhook(refunded, snapshot({ refunds: done }, { status: 'partially_refunded' })).refunds
		).toEqual([]);
	});
});
