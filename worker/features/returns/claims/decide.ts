import { Conflict, Invalid } from '../../../core/errors';
import type { FileClaim } from './schemas';
import type { ClaimFacts, ClaimOrderLine } from './snapshot';

// The decide half of filing a claim (pure): which order lines, how many units, what each
// is worth (its share of the line's NET amount paid, as a return refunds it), and which
// payments the money goes back to (oldest first, never more than is left on each).

export type ClaimLineDecision = {
	orderLine: ClaimOrderLine;
	quantity: number;
	refundMinor: number;
};

export type ClaimDecision = {
	lines: ClaimLineDecision[];
	refundMinor: number;
	/** Empty for a replacement. */
	refunds: { paymentId: string; amountMinor: number }[];
};

/** Net paid for `quantity` units of a line: its net amount, split evenly over its units. */
export const netFor = (l: ClaimOrderLine, quantity: number) =>
	Math.round((l.netMinor * quantity) / l.quantity);

export function decideClaim(facts: ClaimFacts, input: FileClaim): ClaimDecision {
	const asked = input.lines?.length
		? input.lines
		: input.kind === 'lost_parcel'
			? facts.lines
					.filter((l) => l.shipped - l.taken > 0)
					.map((l) => ({ orderLine: l.line, quantity: l.shipped - l.taken }))
			: [];
	if (asked.length === 0)
		throw new Invalid(
			'claim-lines-required',
			'Say which items the claim is for',
			input.kind === 'lost_parcel'
				? `Every shipped item of ${facts.number} is already returned or claimed.`
				: 'Choose the order lines and how many units of each.',
			{ lines: ['Choose at least one line'] }
		);
	const errors: Record<string, string[]> = {};
	const lines = asked.map((a, i) => {
		const ol = facts.lines.find((l) => l.line === a.orderLine);
		if (!ol) {
			errors[`lines.${i}.orderLine`] = [`${facts.number} has no product line ${a.orderLine}`];
			return null;
		}
		const left = ol.shipped - ol.taken;
		if (a.quantity > left) errors[`lines.${i}.quantity`] = [exceeds(ol, a.quantity, left)];
		return { orderLine: ol, quantity: a.quantity, refundMinor: netFor(ol, a.quantity) };
	});
	if (Object.keys(errors).length > 0) {
		const unknown = Object.values(errors).some((m) => m[0]!.includes('has no product line'));
		if (unknown)
			throw new Invalid(
				'claim-line-unknown',
				'Some lines are not on this order',
				undefined,
				errors
			);
		throw claimExceedsShipped(facts.number, errors);
	}
	const decided = lines as ClaimLineDecision[];
	const refundMinor = decided.reduce((n, l) => n + l.refundMinor, 0);
	return {
		lines: decided,
		refundMinor: input.resolution === 'refund' ? refundMinor : 0,
		refunds: input.resolution === 'refund' ? splitOverPayments(facts, refundMinor) : []
	};
}

function exceeds(l: ClaimOrderLine, asked: number, left: number): string {
	const already = l.taken > 0 ? `, ${l.taken} already returned or claimed` : '';
	return `${l.sku}: ${asked} asked, but ${l.shipped} shipped${already}; at most ${left} can be claimed`;
}

/** The 409 for a claim beyond what was shipped, whether the snapshot or the database saw it. */
export function claimExceedsShipped(order: string, errors?: Record<string, string[]>): Conflict {
	return new Conflict(
		'claim-exceeds-shipped',
		'More than was shipped',
		`A claim on ${order} can take at most what was shipped minus what is already returned or claimed. Lower the quantities and try again.`,
		errors
	);
}

function splitOverPayments(facts: ClaimFacts, amountMinor: number) {
	const refunds: { paymentId: string; amountMinor: number }[] = [];
	let left = amountMinor;
	for (const p of facts.payments) {
		if (left <= 0) break;
		const take = Math.min(left, p.refundableMinor);
		if (take > 0) refunds.push({ paymentId: p.id, amountMinor: take });
		left -= take;
	}
	if (left > 0)
		throw new Conflict(
			'refund-exceeds-captured',
			'More than was paid',
			`${facts.number} has ${facts.currency} ${((amountMinor - left) / 100).toFixed(2)} left to refund; this claim is worth ${(amountMinor / 100).toFixed(2)}. Offer a replacement, or refund what is left by hand.`
		);
	return refunds;
}
