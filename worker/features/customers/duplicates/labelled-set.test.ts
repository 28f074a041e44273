import { describe, expect, it } from 'vitest';
import { generateLabelledSet } from './labelled-set';
import { measureQuality } from './quality';
import { DEFAULT_MIN_SCORE } from './settings';

describe('generateLabelledSet', () => {
	it('is the same for the same seed and different for another', () => {
		const a = generateLabelledSet({ seed: 1, people: 300 });
		expect(generateLabelledSet({ seed: 1, people: 300 })).toEqual(a);
		expect(generateLabelledSet({ seed: 2, people: 300 }).records).not.toEqual(a.records);
	});

	it('has duplicates and family members at one address who are not duplicates', () => {
		const set = generateLabelledSet({ seed: 3, people: 1000 });
		expect(set.duplicates.size).toBeGreaterThan(200);
		const byId = new Map(set.records.map((r) => [r.id, r]));
		const households = set.records.filter((r, i) => {
			const prev = set.records[i - 1];
			return (
				prev &&
				prev.familyName === r.familyName &&
				prev.addresses === r.addresses &&
				prev.givenName !== r.givenName &&
				!set.duplicates.has(`${prev.id}\u0000${r.id}`)
			);
		});
		expect(households.length).toBeGreaterThan(50);
		expect(byId.size).toBe(set.records.length);
	});

	it('meets the quality goal at the default threshold (P ≥ 0.98, R ≥ 0.90)', () => {
		const q = measureQuality(generateLabelledSet({ seed: 11, people: 3000 }), DEFAULT_MIN_SCORE);
		expect(q.precision).toBeGreaterThanOrEqual(0.98);
		expect(q.recall).toBeGreaterThanOrEqual(0.9);
	});
});
