/**
 * Restocking-fee arithmetic and money words, shared by the line decision and inspection.
 * Integer minor units throughout; a percentage rounds half up to the nearest minor unit.
 */
import type { ReturnCondition, ReturnRule } from './document';

export type RestockingFee = NonNullable<ReturnRule['restockingFee']>;

/** The fee on a line: a percentage of its net, or a fixed amount per unit; never above the net. */
export function feeFor(fee: RestockingFee, lineNetMinor: number, quantity: number): number {
	const raw =
		fee.kind === 'percent' ? Math.round((lineNetMinor * fee.value) / 100) : fee.value * quantity;
	return Math.min(raw, lineNetMinor);
}

/** Whether a fee is charged for an item in this condition (no list: every condition). */
export function feeAppliesTo(fee: RestockingFee, condition: ReturnCondition): boolean {
	return !fee.conditions || fee.conditions.includes(condition);
}

/** "10% restocking fee", "2.50-per-item restocking fee". */
export function feeWords(fee: RestockingFee): string {
	return fee.kind === 'percent'
		? `${fee.value}% restocking fee`
		: `${formatMinor(fee.value)}-per-item restocking fee`;
}

/** 1234 → "12.34" (no currency: the caller's screen knows it). */
export function formatMinor(minor: number): string {
	return (minor / 100).toFixed(2);
}

export function percentOf(minor: number, percent: number): number {
	return Math.round((minor * percent) / 100);
}
