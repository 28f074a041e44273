import type { Card, ProviderEvent, RefundState, SessionState } from './provider';

// Reads Stripe's wire shapes (checkout.session, refund, charge, event), which the sandbox
// speaks too. Defensive: a verified body is still parsed field by field, never trusted whole.

type Obj = Record<string, unknown>;
const obj = (value: unknown): Obj =>
	value && typeof value === 'object' ? (value as Obj) : ({} as Obj);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const int = (value: unknown): number =>
	typeof value === 'number' && Number.isInteger(value) ? value : 0;
const refOf = (value: unknown): string | null => str(value) ?? str(obj(value).id);

/** Brand and last 4 of an expanded payment_intent.latest_charge; nothing else is kept. */
function cardOf(paymentIntent: unknown): Card | null {
	const card = obj(obj(obj(obj(paymentIntent).latest_charge).payment_method_details).card);
	const brand = str(card.brand);
	const last4 = str(card.last4);
	return brand && last4 && /^\d{4}$/.test(last4) ? { brand: brand.slice(0, 20), last4 } : null;
}

export function readSession(value: unknown): SessionState {
	const s = obj(value);
	const status = str(s.status);
	const paymentStatus = str(s.payment_status);
	return {
		id: str(s.id) ?? '',
		status: status === 'complete' || status === 'expired' ? status : 'open',
		paymentStatus:
			paymentStatus === 'paid' || paymentStatus === 'no_payment_required'
				? paymentStatus
				: 'unpaid',
		amountTotal: int(s.amount_total),
		currency: (str(s.currency) ?? '').toUpperCase(),
		paymentIntent: refOf(s.payment_intent),
		card: cardOf(s.payment_intent)
	};
}

const REFUND_STATUSES = ['succeeded', 'pending', 'failed', 'canceled', 'requires_action'] as const;

export function readRefund(value: unknown): RefundState {
	const r = obj(value);
	const status = REFUND_STATUSES.find((s) => s === r.status) ?? 'pending';
	return {
		id: str(r.id) ?? '',
		status,
		amount: int(r.amount),
		paymentIntent: refOf(r.payment_intent),
		failureReason: str(r.failure_reason)
	};
}

const SESSION_EVENTS = [
	'checkout.session.completed',
	'checkout.session.async_payment_succeeded',
	'checkout.session.async_payment_failed',
	'checkout.session.expired'
] as const;

export function readEvent(value: unknown): ProviderEvent | null {
	const e = obj(value);
	const id = str(e.id);
	const type = str(e.type);
	if (!id || !type || e.object !== 'event') return null;
	const object = obj(e.data).object;
	const sessionType = SESSION_EVENTS.find((t) => t === type);
	if (sessionType) return { id, type: sessionType, kind: 'session', session: readSession(object) };
	if (type === 'refund.updated')
		return { id, type, kind: 'refunds', refunds: [readRefund(object)] };
	if (type === 'charge.refunded') {
		// A charge lists its refunds only when asked to expand them; without, nothing to match.
		const list = obj(obj(object).refunds).data;
		const refunds = Array.isArray(list) ? list.map(readRefund) : [];
		return { id, type, kind: 'refunds', refunds };
	}
	return { id, type, kind: 'other' };
}
