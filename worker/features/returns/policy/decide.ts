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
 *   exclusionFor(policy, { productId, category }): LegalExclusionKind | null  (exclusions.ts)
 *   returnPolicySchema / ReturnPolicy, parseReturnPolicy                      (document.ts)
 *   DEFAULT_RETURN_POLICY                                               (default-policy.ts)
 *   marketOf(country), legalMinimumOf(market), LEGAL_MINIMUMS                 (markets.ts)
 *
 * Types (types.ts): LineInput, LineDecision, DecisionReason (machine reasons beside the
 * words), Instant (epoch ms or ISO time). A decision is JSON-safe, so it can be stored.
 *
 * decidedBy is 'law' whenever the line is inside a legal withdrawal period (no fee, refund
 * offered, no approval step), 'policy' otherwise, 'none' for an unusable request.
 * Windows are UTC calendar days (window.ts); a deadline is the last millisecond inside.
 *
 * Order of precedence: the law (EU/GB withdrawal period, unless the shop marked the item as
 * legally excluded: exclusions.ts, `legalExclusions`) > a defective or damaged-on-arrival
 * item (always at least a claim) > the most specific rule (product > category > market >
 * default; a tie goes to the later rule) > holiday extension of that rule's window.
 */
import type { ReturnPolicy, ReturnRule } from './document';
import { legalExclusion, type ExclusionVerdict, type LegalExclusionKind } from './exclusions';
import { Explanation, type LegalWindow } from './explain';
import { decideAfterInspection } from './inspection';
import { legalMinimumOf, marketOf, type LegalMinimum } from './markets';
import type { Instant, LineDecision, LineInput } from './types';
import { windowOf, windowStart } from './window';

export type { DecisionReason, Instant, LineDecision, LineInput } from './types';
export { decideAfterInspection } from './inspection';
export { decideReturn, type ReturnDecision, type ReturnOrderFacts } from './decide-return';
export {
	returnPolicySchema,
	parseReturnPolicy,
	type ReturnCondition,
	type ReturnOutcome,
	type ReturnPolicy
} from './document';
export { DEFAULT_RETURN_POLICY } from './default-policy';
export { marketOf, legalMinimumOf, LEGAL_MINIMUMS, type LegalMinimum } from './markets';
export { LEGAL_EXCLUSION_KINDS, type LegalExclusionKind } from './exclusions';

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

/** The legal exclusion the shop marked for this item: its product's, else its category's. */
export function exclusionFor(
	policy: ReturnPolicy,
	item: { productId: string; category: string | null }
): LegalExclusionKind | null {
	const marked = policy.legalExclusions ?? [];
	const byProduct = marked.find((e) => e.productId === item.productId);
	const byCategory = marked.find(
		(e) => !e.productId && e.category && sameWords(e.category, item.category)
	);
	return (byProduct ?? byCategory)?.kind ?? null;
}

function sameWords(a: string, b: string | null): boolean {
	return b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function decideReturnLine(input: LineInput): LineDecision {
	const decision = decideBeforeInspection(input);
	return input.condition ? decideAfterInspection(decision, input.condition) : decision;
}

/** The facts a line decision rests on: its rule, its windows and what the item is. */
function assessLine({ policy, line, order, reason, now }: LineInput) {
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
	const validQuantity = Number.isInteger(line.quantity) && line.quantity >= 1;
	const kind = exclusionFor(policy, line);
	const exclusion: ExclusionVerdict | null =
		law?.within && kind ? legalExclusion(law, kind, { unsealed: Boolean(reason.unsealed) }) : null;
	// The law decides only within its period and for an item it does not exempt.
	const lawWithin = law?.within === true && !exclusion?.excluded;
	return { rule, window, law, lawWithin, exclusion, within, finalSale, faulty, validQuantity };
}

function decideBeforeInspection(input: LineInput): LineDecision {
	const { line, reason, now } = input;
	const { rule, window, law, lawWithin, exclusion, within, finalSale, faulty, validQuantity } =
		assessLine(input);
	const policyAllows = within && !finalSale;
	const eligible = validQuantity && (policyAllows || lawWithin || faulty);

	const words = new Explanation(now);
	words.window(rule, window, within);
	if (finalSale)
		words.add('final-sale', `Final sale (${rule.label}): not returnable under the shop's rules.`);
	if (exclusion?.excluded) words.add('law-excluded', exclusion.text);
	else if (law) words.law(law, policyAllows);
	if (exclusion?.dependsOnSeal) words.add('law-if-sealed', exclusion.text);
	if (faulty && !policyAllows && !lawWithin) words.claim(reason);
	if (!validQuantity) words.add('invalid-quantity', 'Ask for at least one whole unit.');

	const lineNetMinor = Math.max(0, line.unitNetMinor * Math.max(0, line.quantity));
	const feeWaived = faulty ? 'faulty' : lawWithin ? 'law' : null;
	const feeMinor = eligible
		? words.fee(rule.restockingFee, feeWaived, lineNetMinor, line.quantity)
		: 0;
	const outcomes = eligible ? words.outcomes(rule, lawWithin, lineNetMinor) : [];
	const customerPays =
		!faulty &&
		!reason.shopFault &&
		(rule.returnShipping.byReason[reason.code] ?? rule.returnShipping.default) === 'customer';
	if (eligible) words.shipping(customerPays, faulty, Boolean(reason.shopFault));

	return {
		orderLine: line.orderLine,
		productId: line.productId,
		sku: line.sku,
		quantity: line.quantity,
		policyVersion: input.policyVersion,
		eligible,
		decidedBy: !validQuantity ? 'none' : lawWithin ? 'law' : 'policy',
		claim: eligible && faulty && !policyAllows && !lawWithin,
		window,
		legal: law && {
			name: law.name,
			deadline: law.deadline,
			within: law.within,
			citation: law.citation,
			exclusion: exclusion && {
				kind: exclusion.kind,
				excluded: exclusion.excluded,
				citation: exclusion.citation
			}
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
			feeWaived,
			sealed:
				exclusion?.dependsOnSeal && law
					? {
							kind: exclusion.kind,
							policyAllows,
							text: legalExclusion(law, exclusion.kind, { unsealed: true }).text
						}
					: null,
			authorised: {
				eligible,
				outcomes,
				explained: words.lines.length,
				reasoned: words.reasons.length
			}
		},
		explanation: words.lines,
		reasons: words.reasons
	};
}

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
