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
	// delivered order goes back to paid so the warehouse picks the new line, or, when the
	// replacement costs more, to waiting for payment (the difference, by payment link).
	shipped: ['delivered', 'paid', 'pending_payment'],
	delivered: ['paid', 'pending_payment'],
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

export type PaymentHolding = {
	paymentId: string;
	capturedMinor: number;
	refundingMinor: number;
	/** Split payments are refunded newest capture first (the rule returns use too). */
	createdAt?: number;
};

/** An order line's worth for a cancellation: what was paid for it, and how much shipped. */
export type LineValue = {
	kind: 'product' | 'shipping';
	quantity: number;
	quantityShipped: number;
	netMinor: number;
};

/**
 * What cancelling gives back. Nothing shipped: everything captured and not yet refunded
 * (shipping included). Some units shipped (a partial shipment, or an exchange that took a
 * delivered order back to paid for its replacement): the shipped units stay the customer's
 * (they come back through a return, as Shopify and Medusa do: a fulfilled item is never
 * cancelled), so only the net paid for the units NOT shipped is owed, and the original
 * shipping is kept. Never more than is left on the payments: a part already refunded (a
 * return, an exchange's difference, goodwill) is never refunded twice.
 */
export function unshippedOwed(lines: readonly LineValue[]): {
	owedMinor: number | null;
	shippedUnits: number;
} {
	const products = lines.filter((l) => l.kind === 'product');
	const shippedUnits = products.reduce((n, l) => n + l.quantityShipped, 0);
	if (shippedUnits === 0) return { owedMinor: null, shippedUnits };
	const owedMinor = products.reduce(
		(n, l) =>
			n +
			(l.quantity > 0
				? Math.round((l.netMinor * (l.quantity - l.quantityShipped)) / l.quantity)
				: 0),
		0
	);
	return { owedMinor, shippedUnits };
}

/**
 * Cancelling releases every reservation the order still holds and asks for a refund of
 * what is owed for the units not shipped (unshippedOwed), spread over the payments newest
 * capture first, each within what it has left.
 */
export function decideCancel(
	order: OrderSnapshot,
	holdings: readonly LineHolding[],
	payments: readonly PaymentHolding[],
	lines: readonly LineValue[] = []
): {
	status: 'cancelled';
	releases: LineHolding[];
	refunds: { paymentId: string; amountMinor: number }[];
	/** Units already with the customer: not cancelled (a return takes them back). */
	shippedUnits: number;
} {
	transition(
		order.status,
		'cancelled',
		order.status === 'shipped' || order.status === 'delivered'
			? 'Its items are with the customer: start a return to take them back and refund them.'
			: undefined
	);
	const { owedMinor, shippedUnits } = unshippedOwed(lines);
	let rest = owedMinor ?? Number.POSITIVE_INFINITY;
	const refunds: { paymentId: string; amountMinor: number }[] = [];
	for (const p of [...payments].sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0))) {
		const take = Math.min(rest, p.capturedMinor - p.refundingMinor);
		if (take <= 0) continue;
		refunds.push({ paymentId: p.paymentId, amountMinor: take });
		rest -= take;
	}
	return {
		status: 'cancelled',
		releases: holdings.filter((l) => l.reserved > 0),
		refunds,
		shippedUnits
	};
}
