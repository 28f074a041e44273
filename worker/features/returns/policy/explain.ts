/**
 * The plain-words explanation of a line decision and its machine reasons, collected side
 * by side so every reason a caller can act on has a sentence a person can read.
 */
import type { ReturnOutcome, ReturnRule } from './document';
import { feeFor, feeWords, formatMinor, type RestockingFee } from './fee';
import type { LegalMinimum } from './markets';
import type { DecisionReason, LineInput } from './types';
import { fallbackWords, formatDay, sinceWords, type Window, type WindowFrom } from './window';

export type LegalWindow = Omit<LegalMinimum, 'from'> & {
	deadline: number;
	from: WindowFrom;
	fromAt: number;
	within: boolean;
};

/** Collects the plain-words explanation and the machine reasons side by side. */
export class Explanation {
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
