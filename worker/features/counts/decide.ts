import type { CountApproval } from './schemas';

export type CountFacts = {
	counted: number;
	/** On hand now, and the on-hand change of the movements recorded after the count. */
	onHand: number;
	movedSince: number;
	reserved: number;
	unitValueMinor: number;
	thresholds: CountApproval;
	/** Another device's live count of this product × location in the task. */
	otherDevice: boolean;
};

export type WaitReason = 'over-units' | 'over-value' | 'two-devices' | 'below-reserved';

export type CountDecision = {
	expected: number;
	delta: number;
	varianceValueMinor: number;
	status: 'applied' | 'awaiting_approval';
	/** Why it waits for a manager (empty when applied). */
	reasons: WaitReason[];
};

/** What the system held at the count: on hand now, less what moved since. */
export function expectedAtCount(onHand: number, movedSince: number): number {
	return onHand - movedSince;
}

/**
 * A count, applied as of when it was counted: the difference between what was counted and
 * what the system held THEN moves on hand now, so sales and receipts that reached the
 * server between counting and syncing stay counted. It waits for a manager when the
 * variance passes either threshold, when another device counted the same place (which of
 * the two is right is a person's call), or when applying it would leave less on hand than
 * orders have reserved (the level's CHECK would refuse it; a manager must sort that out).
 */
export function decideCount(f: CountFacts): CountDecision {
	const expected = expectedAtCount(f.onHand, f.movedSince);
	const delta = f.counted - expected;
	const varianceValueMinor = Math.abs(delta) * f.unitValueMinor;
	const reasons: WaitReason[] = [];
	if (f.thresholds.units !== null && Math.abs(delta) > f.thresholds.units)
		reasons.push('over-units');
	if (f.thresholds.valueMinor !== null && varianceValueMinor > f.thresholds.valueMinor)
		reasons.push('over-value');
	if (f.otherDevice) reasons.push('two-devices');
	if (f.onHand + delta < f.reserved) reasons.push('below-reserved');
	return {
		expected,
		delta,
		varianceValueMinor,
		status: reasons.length ? 'awaiting_approval' : 'applied',
		reasons
	};
}
