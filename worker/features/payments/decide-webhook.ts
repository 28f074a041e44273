import type { OrderStatus, PaymentStatus } from '../../../db/schema/orders';
import type { PaymentRecordStatus, RefundStatus } from '../../../db/schema/payments';
import type { ProviderEvent, SessionState } from './provider';

// "Decide, then write" (docs/architecture.md): what a verified event changes, decided
// from a snapshot by this pure function; receive-webhook.ts writes the plan in one batch
// whose preconditions (payment and order versions) fail it if the snapshot moved.

export type PaymentSnap = {
	id: string;
	version: number;
	status: PaymentRecordStatus;
	orderId: string;
	amountMinor: number;
	capturedMinor: number;
	refundedMinor: number;
	currency: string;
};
export type OrderSnap = {
	id: string;
	number: string;
	version: number;
	status: OrderStatus;
	heldFrom: OrderStatus | null;
	paymentStatus: PaymentStatus;
	customerId: string | null;
};
/** Units still reserved for a product line: quantity − shipped, where it is reserved. */
export type LineSnap = { productId: string; locationId: string; open: number };
export type RefundSnap = {
	id: string;
	status: RefundStatus;
	amountMinor: number;
	providerRef: string | null;
};

export type Snapshot = {
	payment: PaymentSnap | null;
	order: OrderSnap | null;
	/** Other payments of the order still pending or paid: an expiry then cancels nothing. */
	otherLivePayments: number;
	lines: LineSnap[];
	refunds: RefundSnap[];
};

export type TimelineNote = {
	kind: string;
	summary: string;
	entity: 'order' | 'payment';
	data?: Record<string, string | number | null>;
};

export type Plan = {
	payment: Partial<{
		status: PaymentRecordStatus;
		capturedMinor: number;
		refundedMinor: number;
		paymentIntentRef: string | null;
		cardBrand: string;
		cardLast4: string;
		failureReason: string;
	}> | null;
	order: Partial<{
		status: OrderStatus;
		heldFrom: OrderStatus | null;
		paymentStatus: PaymentStatus;
		cancelReason: string;
		cancelled: true;
	}> | null;
	release: LineSnap[];
	refunds: { id: string; status: RefundStatus; failureReason: string | null }[];
	/** Money that arrived for a cancelled order: refunded automatically (see succeed()). */
	refundLate: { amountMinor: number } | null;
	timeline: TimelineNote[];
	/** 'applied', or why nothing changed (kept in the inbox row). */
	outcome: string;
};

const nothing = (outcome: string): Plan => ({
	payment: null,
	order: null,
	release: [],
	refunds: [],
	refundLate: null,
	timeline: [],
	outcome
});

export function money(minor: number, currency: string): string {
	return `${(minor / 100).toFixed(2)} ${currency}`;
}

function succeed(s: Snapshot & { payment: PaymentSnap }, session: SessionState): Plan {
	const { payment, order } = s;
	if (!['pending', 'failed', 'expired'].includes(payment.status))
		return nothing(`ignored: the payment is already ${payment.status}`);
	const captured = Math.min(session.amountTotal || payment.amountMinor, payment.amountMinor);
	const card = session.card;
	const plan: Plan = {
		...nothing('applied'),
		payment: {
			status: 'succeeded',
			capturedMinor: captured,
			paymentIntentRef: session.paymentIntent,
			...(card ? { cardBrand: card.brand, cardLast4: card.last4 } : {})
		},
		timeline: [
			{
				kind: 'payment.succeeded',
				entity: 'payment',
				summary: `Paid ${money(captured, payment.currency)}${card ? ` by ${card.brand} •••• ${card.last4}` : ''}`,
				data: { capturedMinor: captured }
			}
		]
	};
	if (!order) return plan;
	const unpaid = order.paymentStatus === 'unpaid' || order.paymentStatus === 'authorized';
	// An order waits for payment by its status too: an exchange's dearer replacement (issue
	// 11) puts a paid order back to 'pending_payment' for the difference, and a refund settled
	// meanwhile may have moved its payment status on; this payment is still the one it waits for.
	const waiting =
		order.status === 'pending_payment' ||
		(order.status === 'on_hold' && order.heldFrom === 'pending_payment');
	if (unpaid || waiting || order.status === 'cancelled') {
		plan.order = unpaid ? { paymentStatus: 'paid' } : {};
		if (order.status === 'pending_payment') plan.order.status = 'paid';
		if (order.status === 'on_hold' && order.heldFrom === 'pending_payment')
			plan.order.heldFrom = 'paid';
		if (Object.keys(plan.order).length === 0) plan.order = null;
		const paid = plan.order?.status === 'paid';
		if (order.status === 'cancelled') {
			// Paid after the order was cancelled (the link outlived an expiry or a rep's cancel):
			// its stock went back on sale and may be sold, so reviving the order could oversell.
			// The money is never kept silently: a refund of all of it is recorded at once and
			// sent by the scheduled job; the customer can order again.
			plan.refundLate = { amountMinor: captured };
			plan.timeline.push({
				kind: 'order.paid_after_cancel',
				entity: 'order',
				summary: `Paid ${money(captured, payment.currency)} after order ${order.number} was cancelled: the payment is refunded automatically`,
				data: { status: order.status, refundMinor: captured }
			});
			return plan;
		}
		plan.timeline.push({
			kind: paid ? 'order.paid' : 'order.payment_received',
			entity: 'order',
			summary: paid
				? `Order ${order.number} is paid`
				: `Payment received while the order is ${order.status.replace('_', ' ')}`,
			data: paid ? { from: 'pending_payment', to: 'paid' } : { status: order.status }
		});
	}
	return plan;
}

function expire(s: Snapshot & { payment: PaymentSnap }): Plan {
	const { payment, order } = s;
	if (payment.status !== 'pending')
		return nothing(`ignored: the payment is already ${payment.status}`);
	const plan: Plan = {
		...nothing('applied'),
		payment: { status: 'expired' },
		timeline: [
			{ kind: 'payment.expired', entity: 'payment', summary: 'The payment link expired unpaid' }
		]
	};
	// The order waited only for this link: it is cancelled and its stock goes back on sale.
	if (order?.status === 'pending_payment' && s.otherLivePayments === 0) {
		plan.order = {
			status: 'cancelled',
			cancelled: true,
			cancelReason: 'The payment link expired unpaid'
		};
		plan.release = s.lines.filter((line) => line.open > 0);
		plan.timeline.push({
			kind: 'order.cancelled',
			entity: 'order',
			summary: `Order ${order.number} cancelled: the payment link expired; its stock is released`,
			data: { from: 'pending_payment', to: 'cancelled' }
		});
	}
	return plan;
}

function failPayment(s: Snapshot & { payment: PaymentSnap }): Plan {
	if (s.payment.status !== 'pending')
		return nothing(`ignored: the payment is already ${s.payment.status}`);
	const reason = 'The payment failed at the provider (e.g. the bank declined the transfer)';
	return {
		...nothing('applied'),
		payment: { status: 'failed', failureReason: reason },
		timeline: [{ kind: 'payment.failed', entity: 'payment', summary: reason }]
	};
}

function applyRefunds(
	s: Snapshot & { payment: PaymentSnap },
	event: ProviderEvent & { kind: 'refunds' }
): Plan {
	const plan = nothing('applied');
	let refunded = s.payment.refundedMinor;
	let failed = false;
	for (const state of event.refunds) {
		const row = s.refunds.find((r) => r.providerRef === state.id);
		if (!row || row.status !== 'pending') continue;
		if (state.status === 'succeeded') {
			plan.refunds.push({ id: row.id, status: 'succeeded', failureReason: null });
			refunded += row.amountMinor;
			plan.timeline.push({
				kind: 'refund.succeeded',
				entity: 'payment',
				summary: `Refunded ${money(row.amountMinor, s.payment.currency)}`
			});
		} else if (state.status === 'failed' || state.status === 'canceled') {
			const reason = state.failureReason ?? `The provider reports the refund ${state.status}`;
			plan.refunds.push({ id: row.id, status: 'failed', failureReason: reason });
			failed = true;
			plan.timeline.push({
				kind: 'refund.failed',
				entity: 'payment',
				summary: `Refund failed: ${reason}`
			});
		}
	}
	if (plan.refunds.length === 0) return nothing('ignored: no pending refund matches');
	if (refunded !== s.payment.refundedMinor) {
		plan.payment = {
			refundedMinor: refunded,
			status: refunded >= s.payment.capturedMinor ? 'refunded' : 'partially_refunded'
		};
	}
	if (s.order) {
		const status = failed
			? 'refund_failed'
			: refunded >= s.payment.capturedMinor
				? 'refunded'
				: 'partially_refunded';
		if (status !== s.order.paymentStatus) plan.order = { paymentStatus: status };
	}
	return plan;
}

export function decideWebhook(event: ProviderEvent, s: Snapshot): Plan {
	if (event.kind === 'other') return nothing(`ignored: Ordo does not act on ${event.type}`);
	if (!s.payment) return nothing('ignored: no payment in Ordo matches this event');
	const snap = { ...s, payment: s.payment };
	if (event.kind === 'refunds') return applyRefunds(snap, event);
	switch (event.type) {
		case 'checkout.session.completed':
			if (event.session.paymentStatus === 'unpaid') {
				// Paid by a delayed method (a bank debit): async_payment_succeeded/_failed follows.
				return {
					...nothing('applied'),
					payment: { paymentIntentRef: event.session.paymentIntent },
					timeline: [
						{
							kind: 'payment.processing',
							entity: 'payment',
							summary: 'Payment submitted; the bank confirms later'
						}
					]
				};
			}
			return succeed(snap, event.session);
		case 'checkout.session.async_payment_succeeded':
			return succeed(snap, event.session);
		case 'checkout.session.async_payment_failed':
			return failPayment(snap);
		case 'checkout.session.expired':
			return expire(snap);
	}
}
