/**
 * The returns policy engine: pure functions, no database, no clock (`now` is passed in).
 * Authorisation, receiving and money call it with facts and write what it decides
 * (decide-then-write); the decision is stored with the return line, so it also records the
 * rule and terms (`terms`) a later inspection is judged by.
 *
 * Public API (import from here):
 *   decideReturnLine(input: LineInput): LineDecision
 *     eligibility, window, fee, refund estimate, outcomes and plain-words explanation of one
 *     order line; with `input.condition` it is re-decided as after inspection.
 *   decideAfterInspection(decision: LineDecision, grade: ReturnCondition): LineDecision
 *     the same line once graded: fee by condition, partial refund or rejection per the rule,
 *     never below what the law requires.                                  (inspection.ts)
 *   decideReturn({ policy, order, lines }): ReturnDecision
 *     totals of a return and whether the original shipping is refunded.   (decide-return.ts)
 *   ruleFor(policy, { market, country, category, productId }): ReturnRule
 *   returnPolicySchema / ReturnPolicy, parseReturnPolicy                      (document.ts)
 *   DEFAULT_RETURN_POLICY                                               (default-policy.ts)
 *   marketOf(country), legalMinimumOf(market), LEGAL_MINIMUMS                 (markets.ts)
 *
 * Order of precedence: the law (EU/GB withdrawal period) > a defective or damaged-on-arrival
 * item (always at least a claim) > the most specific rule (product > category > market >
 * default; a tie goes to the later rule) > holiday extension of that rule's window.
 */
import type { ReturnCondition, ReturnOutcome, ReturnPolicy, ReturnRule } from './document';
import { feeFor, feeWords, formatMinor, type RestockingFee } from './fee';
import { decideAfterInspection } from './inspection';
import { legalMinimumOf, marketOf, type LegalMinimum } from './markets';
import {
	fallbackWords,
	formatDay,
	sinceWords,
	windowOf,
	windowStart,
	type Window,
	type WindowFrom
} from './window';

export { decideAfterInspection } from './inspection';
export { decideReturn, type ReturnDecision, type ReturnOrderFacts } from './decide-return';
export { returnPolicySchema, parseReturnPolicy, type ReturnPolicy } from './document';
export { DEFAULT_RETURN_POLICY } from './default-policy';
export { marketOf, legalMinimumOf, LEGAL_MINIMUMS } from './markets';

/** Epoch ms or an ISO time, as the database stores it. */
export type Instant = number | string;

export type LineInput = {
	policy: ReturnPolicy;
	policyVersion: number;
	line: {
		orderLine: string;
		productId: string;
		sku: string;
		name: string;
		category: string | null;
		/** Units asked for (the database limits it to shipped minus requested or returned). */
		quantity: number;
		/** Net paid per unit after discounts, tax included as the order stores it. */
		unitNetMinor: number;
		finalSale?: boolean;
	};
	order: {
		placedAt: Instant;
		shippedAt: Instant | null;
		deliveredAt: Instant | null;
		/** Delivery of the order's last parcel: where the legal period starts. */
		lastDeliveredAt: Instant | null;
		country: string | null;
		shippingMinor: number;
	};
	reason: { code: string; defective?: boolean; damagedOnArrival?: boolean; shopFault?: boolean };
	/** The inspection grade, when re-deciding after inspection. */
	condition?: ReturnCondition;
	now: number;
};

export type DecisionReason =
	| 'invalid-quantity'
	| 'within-window'
	| 'outside-window'
	| 'counted-from-shipment'
	| 'counted-from-order'
	| 'holiday-extension'
	| 'final-sale'
	| 'defect-claim'
	| 'law-withdrawal'
	| 'law-period-over'
	| 'policy-would-refuse'
	| 'refund-required-by-law'
	| 'fee-charged'
	| 'fee-waived-faulty'
	| 'fee-waived-law'
	| 'fee-on-inspection'
	| 'keep-item'
	| 'grade-accepted'
	| 'grade-partial'
	| 'grade-rejected'
	| 'grade-defective'
	| 'empty-box';

export type LineDecision = {
	orderLine: string;
	productId: string;
	quantity: number;
	policyVersion: number;
	eligible: boolean;
	/** 'law' when the line is within a legal withdrawal period; 'none' when nothing could be decided. */
	decidedBy: 'policy' | 'law' | 'none';
	/** Accepted only because the item is reported faulty (outside the rules otherwise). */
	claim: boolean;
	window: Window;
	legal: { name: string; deadline: number; within: boolean; citation: string } | null;
	ruleLabel: string;
	lineNetMinor: number;
	feeMinor: number;
	refundMinor: number;
	customerPaysReturnShipping: boolean;
	outcomes: ReturnOutcome[];
	waitsForInspection: Partial<Record<ReturnOutcome, boolean>>;
	keepItemAllowed: boolean;
	grade: ReturnCondition | null;
	terms: {
		acceptedConditions: ReturnCondition[];
		restockingFee: RestockingFee | null;
		gradeRefundPercent: Record<string, number>;
		feeWaived: 'faulty' | 'law' | null;
	};
	explanation: string[];
	reasons: DecisionReason[];
};

const ms = (at: Instant | null): number | null =>
	at === null ? null : typeof at === 'number' ? at : Date.parse(at);

/** The most specific matching rule: product > category > market > default; ties: the later. */
export function ruleFor(
	policy: ReturnPolicy,
	facts: {
		market: string | null;
		country: string | null;
		category: string | null;
		productId: string;
	}
): ReturnRule {
	let best: { rule: ReturnRule; score: number } | null = null;
	for (const rule of policy.rules) {
		const s = rule.scope;
		if (s.productId && s.productId !== facts.productId) continue;
		if (s.category && !sameWords(s.category, facts.category)) continue;
		if (s.market && s.market !== facts.market && s.market !== facts.country) continue;
		const score = (s.productId ? 4 : 0) + (s.category ? 2 : 0) + (s.market ? 1 : 0);
		if (!best || score >= best.score) best = { rule, score };
	}
	// The schema requires a default rule, so one always matches.
	return best!.rule;
}

function sameWords(a: string, b: string | null): boolean {
	return b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function decideReturnLine(input: LineInput): LineDecision {
	const decision = decideBeforeInspection(input);
	return input.condition ? decideAfterInspection(decision, input.condition) : decision;
}

function decideBeforeInspection(input: LineInput): LineDecision {
	const { policy, line, order, reason, now } = input;
	const placedAt = ms(order.placedAt)!;
	const country = order.country?.trim().toUpperCase() || null;
	const market = marketOf(country);
	const rule = ruleFor(policy, {
		market,
		country,
		category: line.category,
		productId: line.productId
	});
	const start = windowStart(ms(order.deliveredAt), ms(order.shippedAt), placedAt);
	const window = windowOf(rule.windowDays, start, placedAt, policy.holidayExtensions);
	const law = legalWindow(legalMinimumOf(market), order, placedAt, now);
	const within = now <= window.deadline;
	const finalSale = Boolean(line.finalSale || rule.finalSale);
	const faulty = Boolean(reason.defective || reason.damagedOnArrival);
	const policyAllows = within && !finalSale;
	const validQuantity = Number.isInteger(line.quantity) && line.quantity >= 1;
	const eligible = validQuantity && (policyAllows || law?.within === true || faulty);

	const words = new Explanation(now);
	words.window(rule, window, within);
	if (finalSale)
		words.add('final-sale', `Final sale (${rule.label}): not returnable under the shop's rules.`);
	if (law) words.law(law, policyAllows);
	if (faulty && !policyAllows && !law?.within) words.claim(reason);
	if (!validQuantity) words.add('invalid-quantity', 'Ask for at least one whole unit.');

	const lineNetMinor = Math.max(0, line.unitNetMinor * Math.max(0, line.quantity));
	const feeWaived = faulty ? 'faulty' : law?.within ? 'law' : null;
	const feeMinor = eligible
		? words.fee(rule.restockingFee, feeWaived, lineNetMinor, line.quantity)
		: 0;
	const outcomes = eligible ? words.outcomes(rule, law?.within === true, lineNetMinor) : [];
	const customerPays =
		!faulty &&
		!reason.shopFault &&
		(rule.returnShipping.byReason[reason.code] ?? rule.returnShipping.default) === 'customer';
	if (eligible) words.shipping(customerPays, faulty, Boolean(reason.shopFault));

	return {
		orderLine: line.orderLine,
		productId: line.productId,
		quantity: line.quantity,
		policyVersion: input.policyVersion,
		eligible,
		decidedBy: !validQuantity ? 'none' : law?.within ? 'law' : 'policy',
		claim: eligible && faulty && !policyAllows && !law?.within,
		window,
		legal: law && {
			name: law.name,
			deadline: law.deadline,
			within: law.within,
			citation: law.citation
		},
		ruleLabel: rule.label,
		lineNetMinor,
		feeMinor,
		refundMinor: eligible ? Math.max(0, lineNetMinor - feeMinor) : 0,
		customerPaysReturnShipping: customerPays,
		outcomes,
		waitsForInspection: Object.fromEntries(
			outcomes.map((o) => [o, o !== 'keep_item' && (rule.waitForInspection[o] ?? true)])
		),
		keepItemAllowed: outcomes.includes('keep_item'),
		grade: null,
		terms: {
			acceptedConditions: rule.acceptedConditions,
			restockingFee: rule.restockingFee,
			gradeRefundPercent: rule.gradeRefundPercent,
			feeWaived
		},
		explanation: words.lines,
		reasons: words.reasons
	};
}

type LegalWindow = Omit<LegalMinimum, 'from'> & {
	deadline: number;
	from: WindowFrom;
	fromAt: number;
	within: boolean;
};

/** The legal period counts from delivery of the order's last item (same fallbacks). */
function legalWindow(
	law: LegalMinimum | null,
	order: LineInput['order'],
	placedAt: number,
	now: number
): LegalWindow | null {
	if (!law) return null;
	const delivered = ms(order.lastDeliveredAt) ?? ms(order.deliveredAt);
	const w = windowOf(law.days, windowStart(delivered, ms(order.shippedAt), placedAt), placedAt);
	return {
		...law,
		deadline: w.deadline,
		from: w.from,
		fromAt: w.fromAt,
		within: now <= w.deadline
	};
}

/** Collects the plain-words explanation and the machine reasons side by side. */
class Explanation {
	lines: string[] = [];
	reasons: DecisionReason[] = [];
	constructor(private now: number) {}

	add(reason: DecisionReason | null, text: string) {
		if (reason) this.reasons.push(reason);
		this.lines.push(text);
	}

	window(rule: ReturnRule, w: Window, within: boolean) {
		const since = sinceWords(w.from, w.fromAt, this.now);
		const fallback = fallbackWords(w.from);
		const where = `${rule.windowDays}-day window for ${rule.label}`;
		const deadline = formatDay(w.deadline, this.now);
		this.add(
			within ? 'within-window' : 'outside-window',
			`${within ? 'Within' : 'Outside'} the ${where}: ${since}${fallback ? ` (${fallback})` : ''} (deadline ${deadline}).`
		);
		if (w.from !== 'delivery')
			this.reasons.push(w.from === 'shipment' ? 'counted-from-shipment' : 'counted-from-order');
		if (w.extension)
			this.add(
				'holiday-extension',
				`${w.extension}: the order's date gives a later deadline, ${deadline}.`
			);
	}

	law(law: LegalWindow, policyAllows: boolean) {
		const since = sinceWords(law.from, law.fromAt, this.now);
		const fallback = fallbackWords(law.from);
		const detail = `${since}${fallback ? `; ${fallback}` : ''}`;
		if (!law.within) {
			this.add(
				'law-period-over',
				`The ${law.name} ended ${formatDay(law.deadline, this.now)} (${detail}).`
			);
			return;
		}
		this.add(
			'law-withdrawal',
			`Within the ${law.name} (${detail}): the law allows this return whatever the shop's rules say.`
		);
		if (!policyAllows) this.add('policy-would-refuse', "The shop's rules alone would refuse it.");
	}

	claim(reason: LineInput['reason']) {
		const what = reason.defective ? 'defective' : 'damaged on arrival';
		this.add(
			'defect-claim',
			`Reported ${what}: a faulty item is always at least a claim, whatever the window or sale terms, so it is accepted as one.`
		);
	}

	fee(
		fee: RestockingFee | null,
		waived: 'faulty' | 'law' | null,
		net: number,
		quantity: number
	): number {
		if (!fee) return 0;
		if (waived === 'faulty')
			this.add('fee-waived-faulty', `No ${feeWords(fee)}: the item is reported faulty.`);
		else if (waived === 'law')
			this.add('fee-waived-law', `No ${feeWords(fee)} within the legal withdrawal period.`);
		else if (fee.conditions)
			this.add(
				'fee-on-inspection',
				`A ${feeWords(fee)} applies if the item comes back ${fee.conditions.join(' or ')}.`
			);
		if (waived || fee.conditions) return 0;
		const minor = feeFor(fee, net, quantity);
		this.add('fee-charged', `A ${feeWords(fee)} of ${formatMinor(minor)} applies.`);
		return minor;
	}

	outcomes(rule: ReturnRule, lawWithin: boolean, net: number): ReturnOutcome[] {
		const outcomes = [...rule.allowedOutcomes];
		if (lawWithin && !outcomes.includes('refund')) {
			outcomes.unshift('refund');
			this.add(
				'refund-required-by-law',
				'The law requires a refund to the original payment method to be offered.'
			);
		}
		const keep =
			rule.keepItemBelowMinor !== null &&
			net < rule.keepItemBelowMinor &&
			outcomes.includes('keep_item');
		if (keep)
			this.add(
				'keep-item',
				`Worth ${formatMinor(net)}, below the ${formatMinor(rule.keepItemBelowMinor!)} keep-the-item limit: the customer may keep it.`
			);
		return keep ? outcomes : outcomes.filter((o) => o !== 'keep_item');
	}

	shipping(customerPays: boolean, faulty: boolean, shopFault: boolean) {
		const why = faulty
			? ' (the item is reported faulty)'
			: shopFault
				? " (the shop's mistake)"
				: '';
		this.add(null, `Return shipping is paid by the ${customerPays ? 'customer' : 'shop'}${why}.`);
	}
}
