import { describe, expect, it } from 'vitest';
import { PASSES, WINDOW, comparisonBudget, forEachCandidatePair } from './blocking';
import { generateLabelledSet } from './labelled-set';
import { prepare } from './prepare';

describe('forEachCandidatePair', () => {
	it('stays within 50 comparisons per customer, however many share a name', () => {
		expect(PASSES.length * (WINDOW - 1)).toBeLessThanOrEqual(50);
		const twins = Array.from({ length: 500 }, (_, i) =>
			prepare({
				id: `c${i}`,
				givenName: 'John',
				familyName: 'Smith',
				emails: ['john@example.com'],
				phones: ['+447700900123'],
				addresses: [{ line1: '1 High Street', postcode: 'AB1 2CD' }],
				dateOfBirth: '1980-01-01'
			})
		);
		const n = forEachCandidatePair(twins, () => {});
		expect(n).toBeLessThanOrEqual(comparisonBudget(twins.length));
		expect(n).toBeLessThan((500 * 499) / 2);
	});

	it('brings almost every true duplicate pair of the labelled set together', () => {
		const set = generateLabelledSet({ seed: 7, people: 2000 });
		const records = set.records.map(prepare);
		const met = new Set<string>();
		forEachCandidatePair(records, (i, j) => {
			const [a, b] = [records[i]!.id, records[j]!.id].sort();
			met.add(`${a}\u0000${b}`);
		});
		const blocked = [...set.duplicates].filter((k) => met.has(k)).length;
		expect(blocked / set.duplicates.size).toBeGreaterThan(0.97);
	});
});
