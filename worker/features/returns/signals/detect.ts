import type { SignalThresholds } from './thresholds';

// Return-abuse signals (issue 11), decided by one pure function over a customer's figures.
// Each flag explains itself with its numbers and links to the returns and orders behind
// it. They inform the rep authorising a return and can ask for a manager; they never
// block one (authorising shows them; the law's right of withdrawal is never refused).

export type SignalCode =
	'return_rate' | 'unexpected_items' | 'late_wear_prone' | 'not_received_claims' | 'keep_item';
export type Severity = 'info' | 'warn' | 'manager';
export type Evidence = { label: string; href: string };
export type Signal = { code: SignalCode; severity: Severity; words: string; evidence: Evidence[] };

/** One of the customer's returns or claims in the window, with what the signals look at. */
export type SignalReturn = {
	id: string;
	number: string;
	orderId: string | null;
	orderNumber: string | null;
	kind: 'return' | 'claim';
	/** Days from delivery (or shipment, or the order) to the request. */
	daysAfterDelivery: number | null;
	wearProne: boolean;
	notReceived: boolean;
	keepItemUnits: number;
	unexpectedUnits: number;
};

export type SignalFigures = {
	unitsBought: number;
	unitsReturned: number;
	shopUnitsBought: number;
	shopUnitsReturned: number;
	returns: SignalReturn[];
};

const pct = (part: number, whole: number) => (whole > 0 ? (part * 100) / whole : 0);
const shown = (p: number) => `${Math.round(p)}%`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const linkTo = (r: SignalReturn): Evidence => ({ label: r.number, href: `/returns/${r.id}` });

export function detectReturnSignals(f: SignalFigures, t: SignalThresholds): Signal[] {
	return [
		rateSignal(f, t),
		unexpectedSignal(f, t),
		wearProneSignal(f, t),
		notReceivedSignal(f, t),
		keepItemSignal(f, t)
	].filter((s): s is Signal => s !== null);
}

function rateSignal(f: SignalFigures, t: SignalThresholds): Signal | null {
	if (f.unitsBought < t.rate.minUnits) return null;
	const rate = pct(f.unitsReturned, f.unitsBought);
	if (rate < t.rate.warnPct) return null;
	const shop = pct(f.shopUnitsReturned, f.shopUnitsBought);
	const orders = new Map<string, string>();
	for (const r of f.returns)
		if (r.kind === 'return' && r.orderId) orders.set(r.orderId, r.orderNumber ?? r.orderId);
	return {
		code: 'return_rate',
		severity: rate >= t.rate.managerPct ? 'manager' : 'warn',
		words: `Returned ${f.unitsReturned} of ${f.unitsBought} items (${shown(rate)}) in the last ${t.windowDays} days; the shop's average is ${shown(shop)}.`,
		evidence: [
			...f.returns.filter((r) => r.kind === 'return').map(linkTo),
			...[...orders].map(([id, number]) => ({ label: number, href: `/orders/${id}` }))
		]
	};
}

function unexpectedSignal(f: SignalFigures, t: SignalThresholds): Signal | null {
	const hits = f.returns.filter((r) => r.unexpectedUnits > 0);
	if (hits.length < t.unexpectedItems) return null;
	const units = hits.reduce((n, r) => n + r.unexpectedUnits, 0);
	return {
		code: 'unexpected_items',
		severity: 'warn',
		words: `${plural(units, 'item')} received that ${units === 1 ? 'was' : 'were'} not on the return or the order, on ${plural(hits.length, 'return')} in the last ${t.windowDays} days.`,
		evidence: hits.map(linkTo)
	};
}

function wearProneSignal(f: SignalFigures, t: SignalThresholds): Signal | null {
	const w = t.wearProne;
	const from = w.policyWindowDays - w.lastDays;
	const hits = f.returns.filter(
		(r) =>
			r.kind === 'return' &&
			r.wearProne &&
			r.daysAfterDelivery !== null &&
			r.daysAfterDelivery >= from &&
			r.daysAfterDelivery <= w.policyWindowDays
	);
	if (hits.length < w.minReturns) return null;
	return {
		code: 'late_wear_prone',
		severity: 'warn',
		words: `${plural(hits.length, 'return')} of ${w.categories.join(' or ')} in the last ${plural(w.lastDays, 'day')} of the ${w.policyWindowDays}-day window.`,
		evidence: hits.map(linkTo)
	};
}

function notReceivedSignal(f: SignalFigures, t: SignalThresholds): Signal | null {
	const hits = f.returns.filter((r) => r.kind === 'claim' && r.notReceived);
	if (hits.length < t.notReceivedClaims) return null;
	return {
		code: 'not_received_claims',
		severity: 'manager',
		words: `${plural(hits.length, '"not received" claim')} (lost parcel or missing item) in the last ${t.windowDays} days.`,
		evidence: hits.map(linkTo)
	};
}

function keepItemSignal(f: SignalFigures, t: SignalThresholds): Signal | null {
	const hits = f.returns.filter((r) => r.keepItemUnits > 0);
	if (hits.length < t.keepItem) return null;
	const units = hits.reduce((n, r) => n + r.keepItemUnits, 0);
	return {
		code: 'keep_item',
		severity: 'warn',
		words: `Kept the item and was refunded or credited ${plural(hits.length, 'time')} (${plural(units, 'item')}) in the last ${t.windowDays} days.`,
		evidence: hits.map(linkTo)
	};
}
