import type { OrderStatus } from '../../../db/schema/orders';
import { Conflict } from '../../core/errors';

// The order lifecycle, one table (issue 7). Everything that changes an order's status
// asks `transition()` first: the "decide" half of decide-then-write (docs/architecture.md):
// orders (hold, cancel), payments (paid) and fulfilment (pick, pack, ship, deliver).
// Payment status and fulfilment status move apart from this (partial cases). Partial
// shipments move the order back and forth between the warehouse statuses: a parcel shipped
// while units still wait takes a packed order back to allocated (or picking, when another
// parcel is being picked); another parcel started takes it from packed to picking.
export const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
	pending_payment: ['paid', 'on_hold', 'cancelled'],
	// The warehouse may start picking a paid order straight away.
	paid: ['allocated', 'picking', 'on_hold', 'cancelled'],
	allocated: ['picking', 'on_hold', 'cancelled'],
	// Picking can be abandoned (back to allocated) or finished (picked, or straight to packed).
	picking: ['picked', 'packed', 'allocated', 'on_hold', 'cancelled'],
	picked: ['packed', 'on_hold', 'cancelled'],
	packed: ['shipped', 'picking', 'allocated', 'on_hold', 'cancelled'],
	// An exchange's replacement (issue 11) stays on the original order: a shipped or
	// delivered order goes back to paid so the warehouse picks the new line.
	shipped: ['delivered', 'paid'],
	delivered: ['paid'],
	cancelled: [],
	// Leaving a hold is releasing it (back to held_from, decideReleaseHold), or cancelling:
	// nothing else moves a held order, so the warehouse cannot pick or ship one.
	on_hold: ['cancelled']
};

/** Statuses whose order still holds its reservations (stock set aside, not yet shipped). */
export const HOLDS_STOCK: ReadonlySet<OrderStatus> = new Set([
	'pending_payment',
	'paid',
	'allocated',
	'picking',
	'picked',
	'packed',
	'on_hold'
]);

const LABEL: Record<OrderStatus, string> = {
	pending_payment: 'waiting for payment',
	paid: 'paid',
	allocated: 'allocated',
	picking: 'being picked',
	picked: 'picked',
	packed: 'packed',
	shipped: 'shipped',
	delivered: 'delivered',
	cancelled: 'cancelled',
	on_hold: 'on hold'
};

export const statusLabel = (status: OrderStatus) => LABEL[status];

export function allowedFrom(from: OrderStatus): readonly OrderStatus[] {
	return TRANSITIONS[from];
}

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
	return TRANSITIONS[from].includes(to);
}

/** The statuses from which an order may become `to` (for a person: where it must be). */
export function sourcesOf(to: OrderStatus): OrderStatus[] {
	return (Object.keys(TRANSITIONS) as OrderStatus[]).filter((from) => canTransition(from, to));
}

/**
 * Refuses a transition the table does not allow with a 409 that names the allowed ones,
 * so a person (or an integration) knows what they can do instead. `hint` adds a sentence
 * about the action that asked (e.g. where picking can start).
 */
export function transition(from: OrderStatus, to: OrderStatus, hint?: string): OrderStatus {
	if (canTransition(from, to)) return to;
	const allowed = TRANSITIONS[from];
	const detail =
		allowed.length === 0
			? `Nothing more can happen to an order that is ${LABEL[from]}.`
			: `From ${LABEL[from]} it can become: ${allowed.map((s) => LABEL[s]).join(', ')}.`;
	throw new Conflict(
		'illegal-transition',
		`An order that is ${LABEL[from]} cannot become ${LABEL[to]}`,
		hint ? `${detail} ${hint}` : detail,
		{ status: [`Allowed from ${from}: ${allowed.join(', ') || 'none'}`] }
	);
}

/**
 * For a step that may leave the status as it is (a second parcel picked while the order is
 * already being picked): the same status is no transition; anything else asks the table.
 */
export function transitionOrStay(from: OrderStatus, to: OrderStatus, hint?: string): OrderStatus {
	return from === to ? to : transition(from, to, hint);
}

export type OrderSnapshot = {
	status: OrderStatus;
	heldFrom: OrderStatus | null;
	version: number;
};

/** Putting an order on hold remembers where it was, so releasing returns it there. */
export function decideHold(order: OrderSnapshot): { status: 'on_hold'; heldFrom: OrderStatus } {
	transition(order.status, 'on_hold');
	return { status: 'on_hold', heldFrom: order.status };
}

/** Releasing a hold returns the order to the status it was held from. */
export function decideReleaseHold(order: OrderSnapshot): { status: OrderStatus } {
	if (order.status !== 'on_hold')
		throw new Conflict(
			'not-on-hold',
			'This order is not on hold',
			`It is ${LABEL[order.status]}; only an order on hold can be released.`
		);
	// An order held before held_from existed goes back to the start of the line it was on.
	// Returning where it was held from is the release itself, so it needs no table entry.
	return { status: order.heldFrom ?? 'pending_payment' };
}

export type LineHolding = {
	line: number;
	productId: string;
	locationId: string;
	/** Units this order still has reserved there (from the ledger), ≥ 0. */
	reserved: number;
};

export type PaymentHolding = { paymentId: string; capturedMinor: number; refundingMinor: number };

/**
 * Cancelling releases every reservation the order still holds and asks for a refund of
 * whatever was captured and not yet refunded (or being refunded).
 */
export function decideCancel(
	order: OrderSnapshot,
	lines: readonly LineHolding[],
	payments: readonly PaymentHolding[]
): {
	status: 'cancelled';
	releases: LineHolding[];
	refunds: { paymentId: string; amountMinor: number }[];
} {
	transition(order.status, 'cancelled');
	return {
		status: 'cancelled',
		releases: lines.filter((l) => l.reserved > 0),
		refunds: payments
			.map((p) => ({ paymentId: p.paymentId, amountMinor: p.capturedMinor - p.refundingMinor }))
			.filter((r) => r.amountMinor > 0)
	};
}
