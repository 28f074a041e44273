/**
 * A line re-decided once the warehouse has graded it. Reads only the decision (its `terms`
 * are the rule it was authorised under), so a later policy version never changes it.
 *
 * - defective: full refund, no fee (the shop's problem, whatever the reason given).
 * - empty_box: nothing came back, nothing to refund (the law asks for no refund either).
 * - a grade the rule accepts: full refund less the restocking fee when the fee applies to it.
 * - a grade it does not accept: `gradeRefundPercent` of the net when set, else rejected
 *   (the item can be sent back). Within a legal withdrawal period the return stands: new and
 *   opened refund in full (opening to examine is the customer's right), other grades refund
 *   the rule's percentage as the deduction for loss in value the law permits, 100% if unset.
 */
import type { ReturnCondition } from './document';
import type { DecisionReason, LineDecision } from './types';
import { feeAppliesTo, feeFor, feeWords, formatMinor, percentOf } from './fee';

export function decideAfterInspection(d: LineDecision, grade: ReturnCondition): LineDecision {
	if (!d.eligible) return { ...d, grade };
	const net = d.lineNetMinor;
	const law = d.decidedBy === 'law';
	const t = d.terms;
	const said = `Graded ${grade.replace('_', ' ')}`;
	const result = (
		refundMinor: number,
		feeMinor: number,
		reason: DecisionReason,
		text: string,
		eligible = true
	): LineDecision => ({
		...d,
		grade,
		eligible,
		refundMinor,
		feeMinor,
		outcomes: eligible ? d.outcomes : [],
		explanation: [...d.explanation, text],
		reasons: [...d.reasons, reason]
	});

	if (grade === 'defective')
		return result(
			net,
			0,
			'grade-defective',
			`${said}: full refund of ${formatMinor(net)}, no fee.`
		);
	if (grade === 'empty_box')
		return result(
			0,
			0,
			'empty-box',
			'The box came back empty: nothing was returned, so nothing is refunded.',
			false
		);

	const lawAccepts = law && (grade === 'new' || grade === 'opened');
	if (t.acceptedConditions.includes(grade) || lawAccepts) {
		const fee = t.restockingFee;
		const charged =
			fee && !t.feeWaived && feeAppliesTo(fee, grade) ? feeFor(fee, net, d.quantity) : 0;
		const text = charged
			? `${said}, which ${d.ruleLabel} accepts: a ${feeWords(fee!)} of ${formatMinor(charged)} applies.`
			: `${said}, which ${lawAccepts ? 'the law' : d.ruleLabel} accepts: full refund of ${formatMinor(net)}.`;
		return result(net - charged, charged, 'grade-accepted', text);
	}

	const percent = t.gradeRefundPercent[grade];
	if (law) {
		const p = percent ?? 100;
		const refund = percentOf(net, p);
		return result(
			refund,
			0,
			p < 100 ? 'grade-partial' : 'grade-accepted',
			`${said}: the legal withdrawal still stands; the shop may deduct only the loss in value, so ${p}% (${formatMinor(refund)}) is refunded.`
		);
	}
	if (percent !== undefined) {
		const refund = percentOf(net, percent);
		return result(
			refund,
			0,
			'grade-partial',
			`${said}, which ${d.ruleLabel} does not accept in full: ${percent}% (${formatMinor(refund)}) is refunded.`
		);
	}
	return result(
		0,
		0,
		'grade-rejected',
		`${said}, which ${d.ruleLabel} does not accept: the return is rejected and the item can be sent back to the customer.`,
		false
	);
}
