import type { ReturnLineStatus } from '../../../../db/schema/returns';
import { Conflict, Forbidden, Invalid, NotFound } from '../../../core/errors';
import { lineTransition } from '../line-states';

// Resolving a return (issue 11, "Money back"): the DECIDE half. From the return's lines as
// stored (status, the policy's decision, the refund already worked out at authorisation or
// inspection), the order's payments and the request, it says which lines resolve, what
// goes back to which payment, what becomes store credit, and whether the original
// shipping is refunded. It writes nothing; resolve-return.ts writes what it decided in
// one batch. Every refusal is a DomainError a person can act on.
//
// Split payments are refunded NEWEST CAPTURE FIRST (the order refundPayment uses for a
// manual refund too): the last payment taken is the first given back, so an earlier
// payment (often a deposit or gift card taken first) is touched only when the later ones
// are exhausted.

export const RESOLVE_OUTCOMES = ['refund', 'store_credit', 'keep_item', 'exchange'] as const;
export type ResolveOutcome = (typeof RESOLVE_OUTCOMES)[number];

/** The part of the policy engine's LineDecision resolving reads (stored as JSON). */
export type StoredDecision = {
	eligible?: boolean;
	decidedBy?: 'policy' | 'law' | 'none' | 'override';
	outcomes?: string[];
	waitsForInspection?: Record<string, boolean>;
	keepItemAllowed?: boolean;
	refundMinor?: number;
};

export type LineSnapshot = {
	line: number;
	status: ReturnLineStatus;
	quantity: number;
	quantityReceived: number;
	/** Units of the order line ordered, and its net paid (after discounts) for all of them. */
	orderedQuantity: number;
	orderLineNetMinor: number;
	/** Worked out at authorisation or inspection (net paid minus the fee); 0 when not yet. */
	refundMinor: number;
	feeMinor: number;
	decision: StoredDecision | null;
	/** The order line's product, location and unit price (an exchange's replacement). */
	productId?: string | null;
	locationId?: string | null;
	unitPriceMinor?: number;
	orderLineDiscountMinor?: number;
};

/** A product an exchange names, with what is free to sell per location. */
export type ProductFacts = {
	id: string;
	sku: string;
	name: string;
	priceMinor: number;
	available: Record<string, number>;
};

export type PaymentSnapshot = {
	paymentId: string;
	capturedMinor: number;
	/** Refunds asked for or made on it, failed ones excepted (the trigger's sum). */
	refundingMinor: number;
	createdAt: number;
};

export type ExchangeRequest = {
	productId?: string | undefined;
	sku?: string | undefined;
	quantity?: number | undefined;
};

export type ResolveRequest = {
	lines: {
		line: number;
		outcome: ResolveOutcome;
		as?: 'refund' | 'store_credit' | undefined;
		exchange?: ExchangeRequest | undefined;
		/** When the replacement is out of stock: this instead (else a 409 naming the product). */
		fallback?: 'refund' | 'store_credit' | undefined;
	}[];
	goodwill?: { amountMinor: number; reason: string };
};

export type ResolveFacts = {
	lines: LineSnapshot[];
	payments: PaymentSnapshot[];
	/** decideReturn's shipping refund for the whole return, and what was refunded already. */
	shippingRefundMinor: number;
	shippingRefundedMinor: number;
	goodwillApprovalMinor: number;
	/** Goodwill already given on this return (failed refunds excepted): the threshold counts it. */
	goodwillGivenMinor?: number;
	canOverride: boolean;
	canRefund: boolean;
	/** returns.instant_exchange: the replacement may go before the goods arrive. */
	instantExchange?: boolean;
	/** Products named by exchanges, by id and by SKU. */
	products?: Record<string, ProductFacts>;
};

export type RefundPart = {
	paymentId: string;
	amountMinor: number;
	/** A line number, 'shipping' or 'goodwill': with the return id, the idempotency key. */
	cause: number | 'shipping' | 'goodwill';
	kind: 'return' | 'goodwill' | 'exchange_difference';
};

/** The order line an exchange adds to the ORIGINAL order (at the original price). */
export type Replacement = {
	productId: string;
	sku: string;
	name: string;
	locationId: string;
	quantity: number;
	unitPriceMinor: number;
	discountMinor: number;
	netMinor: number;
	/**
	 * Replacement minus what the returned units paid: < 0 is refunded (kind
	 * exchange_difference), > 0 is owed and charged by payment link on the original order.
	 */
	differenceMinor: number;
};

export type ResolvedLine = {
	line: number;
	from: ReturnLineStatus;
	outcome: ResolveOutcome;
	/** What goes back for it: to the payments (refund) or as store credit. */
	amountMinor: number;
	credit: boolean;
	replacement?: Replacement;
	/** Set when an exchange's replacement was out of stock and the fallback was paid. */
	fellBackFrom?: 'exchange';
};

export type Resolution = {
	lines: ResolvedLine[];
	refunds: RefundPart[];
	storeCreditMinor: number;
	shippingRefundMinor: number;
	goodwillMinor: number;
	/** Goodwill above the threshold: approved by the manager making the request. */
	goodwillNeedsApproval: boolean;
	refundMinor: number;
	/** What dearer replacements cost more than the returned items paid: charged by link. */
	owedMinor: number;
};

/** Until a return has a stored decision (history, tests): everything waits for inspection. */
const NO_DECISION: Required<Pick<StoredDecision, 'eligible' | 'outcomes' | 'keepItemAllowed'>> = {
	eligible: true,
	outcomes: ['refund', 'store_credit'],
	keepItemAllowed: false
};

/** The line's refund: its stored amount, or its share of the order line's net paid. */
export function lineRefundMinor(l: LineSnapshot): number {
	if (l.refundMinor > 0) return l.refundMinor;
	if (l.orderedQuantity <= 0) return 0;
	return Math.max(
		0,
		Math.round((l.orderLineNetMinor * l.quantity) / l.orderedQuantity) - l.feeMinor
	);
}

const received = (l: LineSnapshot) =>
	l.status === 'received' || l.status === 'inspected' || l.quantityReceived >= l.quantity;

/** Refuses an outcome the line cannot have now, in words; returns nothing when it can. */
function checkLine(l: LineSnapshot, outcome: ResolveOutcome, instant = false) {
	const d = { ...NO_DECISION, ...(l.decision ?? {}) };
	if (!d.eligible)
		throw new Conflict(
			'line-not-eligible',
			`Line ${l.line} is not eligible under the policy`,
			'A manager can override the decision (with a reason) before it is resolved.'
		);
	if (outcome === 'keep_item') {
		if (!d.keepItemAllowed)
			throw new Conflict(
				'keep-item-not-allowed',
				`Line ${l.line} cannot be kept by the customer`,
				'Keeping the item is allowed only for items below the policy’s value threshold; ask for the item back, or have a manager override.'
			);
		return;
	}
	if (!d.outcomes.includes(outcome))
		throw new Conflict(
			'outcome-not-allowed',
			`The policy does not offer ${outcome.replace('_', ' ')} for line ${l.line}`,
			`Allowed: ${d.outcomes.join(', ').replaceAll('_', ' ') || 'none'}.`
		);
	// An instant exchange ships before the goods arrive; the return is then owed.
	if (outcome === 'exchange' && instant) return;
	const waits = l.decision?.waitsForInspection?.[outcome] ?? true;
	if (waits && l.status !== 'inspected')
		throw new Conflict(
			'line-not-inspected',
			`Line ${l.line} has not been inspected yet`,
			`The policy pays ${outcome.replace('_', ' ')} only after the item is received and inspected.`
		);
	if (!waits && !received(l))
		throw new Conflict(
			'line-not-received',
			`Line ${l.line} has not been received yet`,
			`The policy pays ${outcome.replace('_', ' ')} when the item is scanned in at the returns bench.`
		);
}

/** Spreads an amount over the payments, newest capture first, within what is left. */
export function allocate(
	amount: number,
	left: Map<string, number>,
	order: PaymentSnapshot[],
	cause: RefundPart['cause'],
	kind: RefundPart['kind']
): RefundPart[] {
	const parts: RefundPart[] = [];
	let rest = amount;
	for (const p of order) {
		if (rest <= 0) break;
		const take = Math.min(rest, left.get(p.paymentId) ?? 0);
		if (take <= 0) continue;
		parts.push({ paymentId: p.paymentId, amountMinor: take, cause, kind });
		left.set(p.paymentId, (left.get(p.paymentId) ?? 0) - take);
		rest -= take;
	}
	if (rest > 0)
		throw new Conflict(
			'refund-exceeds-captured',
			'More than was paid',
			`Refunding this would take back ${rest} (minor units) more than the customer paid and has not had back already. Refund less, or give store credit.`
		);
	return parts;
}

export function decideResolution(facts: ResolveFacts, req: ResolveRequest): Resolution {
	const seen = new Set<number>();
	const lines: ResolvedLine[] = [];
	// Units this request already takes per product and location (two exchanges, one shelf).
	const taken = new Map<string, number>();
	for (const asked of req.lines) {
		if (seen.has(asked.line))
			throw new Invalid('line-twice', `Line ${asked.line} is named twice`, 'Name each line once.');
		seen.add(asked.line);
		const l = facts.lines.find((x) => x.line === asked.line);
		if (!l) throw new NotFound('return-line-not-found', `This return has no line ${asked.line}`);
		lineTransition(
			l.line,
			l.status,
			'resolved',
			'Resolve it once; a retry with the same Idempotency-Key answers the first result.'
		);
		if (asked.outcome === 'exchange') {
			checkLine(l, 'exchange', facts.instantExchange);
			const replacement = replacementFor(l, asked.exchange, facts, taken, asked.fallback);
			if (replacement) {
				lines.push({
					line: l.line,
					from: l.status,
					outcome: 'exchange',
					amountMinor: Math.max(0, -replacement.differenceMinor),
					credit: false,
					replacement
				});
				continue;
			}
			const fallback = asked.fallback ?? 'refund';
			checkLine(l, fallback);
			lines.push({
				line: l.line,
				from: l.status,
				outcome: fallback,
				amountMinor: lineRefundMinor(l),
				credit: fallback === 'store_credit',
				fellBackFrom: 'exchange'
			});
			continue;
		}
		checkLine(l, asked.outcome);
		const credit =
			asked.outcome === 'store_credit' ||
			(asked.outcome === 'keep_item' && asked.as === 'store_credit');
		lines.push({
			line: l.line,
			from: l.status,
			outcome: asked.outcome,
			amountMinor: lineRefundMinor(l),
			credit
		});
	}
	const goodwillMinor = req.goodwill?.amountMinor ?? 0;
	if (lines.length === 0 && goodwillMinor === 0)
		throw new Invalid(
			'nothing-to-resolve',
			'Nothing to resolve',
			'Choose an outcome for at least one line, or a goodwill amount.'
		);
	// The threshold is for the return's goodwill in all, so splitting it into small amounts
	// never gets round the manager.
	const given = facts.goodwillGivenMinor ?? 0;
	const goodwillNeedsApproval =
		goodwillMinor > 0 && given + goodwillMinor > facts.goodwillApprovalMinor;
	if (goodwillNeedsApproval && !facts.canOverride)
		throw new Forbidden(
			'goodwill-needs-manager',
			'A manager must approve this goodwill amount',
			given > 0
				? `This return has had ${given} (minor units) of goodwill already; more than ${facts.goodwillApprovalMinor} in all needs a manager (returns.override). Ask a manager to resolve it.`
				: `Goodwill above ${facts.goodwillApprovalMinor} (minor units) needs a manager (returns.override). Ask a manager to resolve it, or give less.`
		);
	const toPayments = lines.filter((l) => !l.credit && l.amountMinor > 0);
	const refundLines = toPayments.filter((l) => l.outcome !== 'exchange');
	if ((toPayments.length > 0 || goodwillMinor > 0) && !facts.canRefund)
		throw new Forbidden(
			'refund-not-permitted',
			'You cannot refund payments',
			'Refunding to the original payment needs the payments.refund permission; give store credit, or ask someone who can.'
		);
	// The law or the policy refunds the original shipping with the money going back to
	// the original payment: once, on the first resolve that refunds a line.
	const shippingRefundMinor =
		refundLines.length > 0 && facts.shippingRefundedMinor === 0 ? facts.shippingRefundMinor : 0;
	const order = [...facts.payments].sort((a, b) => b.createdAt - a.createdAt);
	const left = new Map(
		order.map((p) => [p.paymentId, Math.max(0, p.capturedMinor - p.refundingMinor)])
	);
	const refunds: RefundPart[] = [
		...toPayments.flatMap((l) =>
			allocate(
				l.amountMinor,
				left,
				order,
				l.line,
				l.outcome === 'exchange' ? 'exchange_difference' : 'return'
			)
		),
		...(shippingRefundMinor > 0
			? allocate(shippingRefundMinor, left, order, 'shipping', 'return')
			: []),
		...(goodwillMinor > 0 ? allocate(goodwillMinor, left, order, 'goodwill', 'goodwill') : [])
	];
	return {
		lines,
		refunds,
		storeCreditMinor: lines.filter((l) => l.credit).reduce((n, l) => n + l.amountMinor, 0),
		shippingRefundMinor,
		goodwillMinor,
		goodwillNeedsApproval,
		refundMinor: refunds.reduce((n, r) => n + r.amountMinor, 0),
		owedMinor: lines.reduce((n, l) => n + Math.max(0, l.replacement?.differenceMinor ?? 0), 0)
	};
}

/** What the returned units paid: their share of the order line's net (no fee on exchanges). */
function paidShare(l: LineSnapshot): number {
	if (l.orderedQuantity <= 0) return 0;
	return Math.round((l.orderLineNetMinor * l.quantity) / l.orderedQuantity);
}

/**
 * The replacement line for an exchange, or null when it is out of stock and the request
 * names a fallback. The same product keeps the original unit price and its share of the
 * discount (what the customer paid); another product is at its catalogue price. A dearer
 * replacement is charged: its difference is owed (Resolution.owedMinor), the order waits for
 * it (resolve-return.ts) and the payment link asks for it.
 */
function replacementFor(
	l: LineSnapshot,
	asked: ExchangeRequest | undefined,
	facts: ResolveFacts,
	taken: Map<string, number>,
	fallback: 'refund' | 'store_credit' | undefined
): Replacement | null {
	const key = asked?.productId ?? asked?.sku ?? l.productId ?? '';
	const product = facts.products?.[key];
	if (!product)
		throw new NotFound(
			'replacement-not-found',
			`No product ${key || '(none named)'} to exchange line ${l.line} for`,
			'Name the replacement by product id or SKU.'
		);
	if (!l.locationId)
		throw new Conflict('exchange-no-location', `Line ${l.line} has no location to ship from`);
	const quantity = asked?.quantity ?? l.quantity;
	const shelf = `${product.id}@${l.locationId}`;
	const free = (product.available[l.locationId] ?? 0) - (taken.get(shelf) ?? 0);
	if (free < quantity) {
		if (fallback) return null;
		throw new Conflict(
			'replacement-out-of-stock',
			`${product.name} (${product.sku}) is out of stock`,
			`${Math.max(0, free)} free to sell, ${quantity} needed. Choose another variant, or resolve with a fallback (refund or store credit).`
		);
	}
	taken.set(shelf, (taken.get(shelf) ?? 0) + quantity);
	const same = product.id === l.productId;
	const unitPriceMinor = same ? (l.unitPriceMinor ?? product.priceMinor) : product.priceMinor;
	const discountMinor =
		same && l.orderedQuantity > 0
			? Math.round(((l.orderLineDiscountMinor ?? 0) * quantity) / l.orderedQuantity)
			: 0;
	const netMinor = unitPriceMinor * quantity - discountMinor;
	const differenceMinor = netMinor - paidShare(l);
	return {
		productId: product.id,
		sku: product.sku,
		name: product.name,
		locationId: l.locationId,
		quantity,
		unitPriceMinor,
		discountMinor,
		netMinor,
		differenceMinor
	};
}
