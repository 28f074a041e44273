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
 * - a line accepted only as a fault claim (final sale, out of window): refunded when the
 *   grade confirms a fault (defective, damaged), else rejected: no fault found.
 * - a fee waived because a fault was reported applies after all when no fault is found.
 * - a sealed item the shop marked as legally excluded (hygiene, media) that comes back not
 *   new was unsealed: the law no longer requires the return and the rule decides, fee and
 *   all; refused outright when the rule alone would not have taken it back.
 */
import type { ReturnCondition } from './document';
import type { DecisionReason, LineDecision } from './types';
import { gradeMeansUnsealed } from './exclusions';
import { feeAppliesTo, feeFor, feeWords, formatMinor, percentOf } from './fee';

export function decideAfterInspection(graded: LineDecision, grade: ReturnCondition): LineDecision {
	const d = asAuthorised(graded);
	if (!d.eligible) return { ...d, grade };
	const net = d.lineNetMinor;
	let law = d.decidedBy === 'law';
	let t = d.terms;
	const said = `Graded ${grade.replace('_', ' ')}`;
	// A sealed item the law covered only while sealed (exclusions.ts) came back unsealed:
	// from here the shop's rule decides, fee included (faults are handled first, below).
	const unsealed =
		law && t.sealed && grade !== 'defective' && grade !== 'empty_box' && gradeMeansUnsealed(grade)
			? t.sealed
			: null;
	const before: { text: string[]; reasons: DecisionReason[] } = { text: [], reasons: [] };
	if (unsealed) {
		law = false;
		t = { ...t, feeWaived: t.feeWaived === 'law' ? null : t.feeWaived };
		before.text.push(`${said}: the seal is broken. ${unsealed.text}`);
		before.reasons.push('law-excluded');
	}
	const result = (
		refundMinor: number,
		feeMinor: number,
		reason: DecisionReason,
		text: string,
		eligible = true
	): LineDecision => ({
		...d,
		...(unsealed ? { decidedBy: 'policy' as const } : {}),
		grade,
		eligible,
		refundMinor,
		feeMinor,
		outcomes: eligible ? d.outcomes : [],
		explanation: [...d.explanation, ...before.text, text],
		reasons: [...d.reasons, ...before.reasons, reason]
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

	if (unsealed && !unsealed.policyAllows)
		return result(
			0,
			0,
			'grade-rejected',
			`${d.ruleLabel} does not take it back: the return is rejected and the item can be sent back to the customer.`,
			false
		);

	const faultFound = grade === 'damaged';
	if (d.claim && faultFound)
		return result(
			net,
			0,
			'grade-defective',
			`${said}: the reported fault is confirmed, full refund of ${formatMinor(net)}.`
		);
	if (d.claim)
		return result(
			0,
			0,
			'no-fault-found',
			`${said}: no fault found, and outside the claim ${d.ruleLabel} refuses this return; the item can be sent back to the customer.`,
			false
		);

	const lawAccepts = law && (grade === 'new' || grade === 'opened');
	if (t.acceptedConditions.includes(grade) || lawAccepts) {
		const fee = t.restockingFee;
		const waived = t.feeWaived === 'law' || (t.feeWaived === 'faulty' && faultFound);
		const charged = fee && !waived && feeAppliesTo(fee, grade) ? feeFor(fee, net, d.quantity) : 0;
		const noFault = t.feeWaived === 'faulty' ? 'no fault found, so ' : '';
		const text = charged
			? `${said}, which ${d.ruleLabel} accepts: ${noFault}a ${feeWords(fee!)} of ${formatMinor(charged)} applies.`
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

/** A regrade starts from the decision as authorised, not from an earlier grade's result. */
function asAuthorised(d: LineDecision): LineDecision {
	if (d.grade === null) return d;
	const a = d.terms.authorised;
	return {
		...d,
		// An unsealed regrade handed the line to the rule; the authorised decision was the law's.
		decidedBy: d.terms.sealed ? 'law' : d.decidedBy,
		grade: null,
		eligible: a.eligible,
		outcomes: a.outcomes,
		explanation: d.explanation.slice(0, a.explained),
		reasons: d.reasons.slice(0, a.reasoned)
	};
}
