import { describe, expect, it } from 'vitest';
import { DEFAULT_RETURN_POLICY } from './default-policy';
import { parseReturnPolicy } from './document';

const rule = {
	label: 'Standard',
	windowDays: 30,
	acceptedConditions: ['new'],
	allowedOutcomes: ['refund']
};
const problemsOf = (doc: unknown) => {
	const r = parseReturnPolicy(doc);
	return r.ok ? [] : r.problems;
};
const withRule = (over: Record<string, unknown>) => ({
	name: 'Test',
	rules: [rule, { ...rule, label: 'Footwear', scope: { category: 'Footwear' }, ...over }]
});

describe('returnPolicySchema', () => {
	it('the default policy passes and fills the optional parts', () => {
		expect(parseReturnPolicy(DEFAULT_RETURN_POLICY).ok).toBe(true);
		const r = parseReturnPolicy({ name: 'Minimal', rules: [rule] });
		expect(r.ok && r.policy.rules[0]).toMatchObject({
			finalSale: false,
			restockingFee: null,
			returnShipping: { default: 'customer', byReason: {} },
			keepItemBelowMinor: null
		});
	});

	it('rejects a negative window, naming the rule', () => {
		expect(problemsOf(withRule({ windowDays: -5 }))).toEqual([
			'Rule 2 (Footwear), windowDays: The return window cannot be negative: use 0 days for no returns'
		]);
	});

	it('rejects a percentage fee above 100 and a fractional fixed fee', () => {
		expect(problemsOf(withRule({ restockingFee: { kind: 'percent', value: 120 } }))).toEqual([
			'Rule 2 (Footwear), restockingFee.value: A percentage cannot be more than 100'
		]);
		expect(problemsOf(withRule({ restockingFee: { kind: 'fixed', value: 2.5 } }))).toEqual([
			'Rule 2 (Footwear), restockingFee.value: Use whole minor units (pence, cents)'
		]);
	});

	it('rejects empty outcomes and unknown conditions', () => {
		expect(problemsOf(withRule({ allowedOutcomes: [] }))).toEqual([
			'Rule 2 (Footwear), allowedOutcomes: Allow at least one outcome (refund, store_credit, exchange or keep_item)'
		]);
		expect(problemsOf(withRule({ acceptedConditions: ['new', 'worn'] }))).toEqual([
			'Rule 2 (Footwear), acceptedConditions.1: Unknown condition "worn": use new, opened, damaged, defective or empty_box'
		]);
	});

	it('requires a default rule so every item is covered', () => {
		const doc = { name: 'T', rules: [{ ...rule, scope: { category: 'Footwear' } }] };
		expect(problemsOf(doc)).toEqual([
			'Add a default rule (one with no market, category or product) so every item is covered'
		]);
	});

	it('rejects impossible or reversed holiday dates', () => {
		const ext = (h: Record<string, string>) => ({
			name: 'T',
			rules: [rule],
			holidayExtensions: [
				{ placedFrom: '2026-11-15', placedTo: '2026-12-24', returnBy: '2027-01-31', ...h }
			]
		});
		expect(problemsOf(ext({}))).toEqual([]);
		expect(problemsOf(ext({ returnBy: '2027-02-30' }))).toEqual([
			'Holiday extension 1, returnBy: Use a date like 2026-11-15, or --11-15 for every year'
		]);
		expect(problemsOf(ext({ placedFrom: '2026-12-25' }))).toEqual([
			'Holiday extension 1: placedFrom must be on or before placedTo'
		]);
	});
});
