import { describe, expect, it } from 'vitest';
import { forEachCandidatePair } from './blocking';
import { generateLabelledSet } from './labelled-set';
import { prepare, type MatchInput, type Prepared } from './prepare';
import { HOUSEHOLD_CAP, quickScore, scorePair } from './score';

const base: MatchInput = {
	id: 'a',
	givenName: 'Robert',
	familyName: 'Smith',
	emails: ['robert.smith@example.com'],
	phones: ['+447700900123'],
	addresses: [{ line1: '12 High Street', postcode: 'SW1A 1AA' }],
	dateOfBirth: '1980-03-07'
};
const score = (b: Partial<MatchInput>, a: Partial<MatchInput> = {}) =>
	scorePair(prepare({ ...base, ...a }), prepare({ ...base, id: 'b', ...b }));

describe('scorePair', () => {
	it('scores the same person entered twice near 1, with the reasons in words', () => {
		const m = score({ givenName: 'Bob', emails: [] });
		expect(m.score).toBeGreaterThanOrEqual(0.95);
		expect(m.reasons).toContain('same phone');
		expect(m.reasons).toContain('nickname: robert = bob');
		expect(m.reasons.some((r) => /^names Jaro-Winkler [01]\.\d\d$/.test(r))).toBe(true);
		expect(m.reasons).toContain('same postcode');
	});

	it('sees swapped given and family names', () => {
		const m = score({ givenName: 'Smith', familyName: 'Robert', emails: [], phones: [] });
		expect(m.reasons).toContain('given and family names swapped');
		expect(m.score).toBeGreaterThanOrEqual(0.8);
	});

	it('sees a typo, a transposed phone number and a day/month swap', () => {
		const m = score({
			givenName: 'Rboert',
			phones: ['+447700900213'],
			dateOfBirth: '1980-07-03',
			emails: []
		});
		expect(m.reasons).toContain('phones differ by two swapped digits');
		expect(m.reasons).toContain('dates of birth with day and month swapped');
		expect(m.score).toBeGreaterThanOrEqual(0.8);
	});

	it('folds accents and case: Zoë = ZOE', () => {
		const m = score({ givenName: 'ZOE' }, { givenName: 'Zoë' });
		expect(m.reasons).toContain('same name');
	});

	it('never proposes twins at one address, even with a shared phone, email and birthday', () => {
		const m = score({ givenName: 'Emily' }, { givenName: 'Sophie' });
		expect(m.score).toBeLessThanOrEqual(HOUSEHOLD_CAP);
		expect(m.reasons.at(-1)).toBe('different given names (sophie, emily): family members?');
	});

	it('keeps apart two people who only share a common name', () => {
		const m = score({
			emails: ['rs@example.org'],
			phones: ['+447700900999'],
			addresses: [{ line1: '1 Mill Road', postcode: 'M1 1AA' }],
			dateOfBirth: '1955-01-01'
		});
		expect(m.score).toBeLessThan(0.2);
		expect(m.reasons).toContain('different dates of birth');
	});

	it('gives nothing for names when both are missing', () => {
		const m = score({ givenName: null, familyName: null }, { givenName: null, familyName: null });
		expect(m.reasons.some((r) => r.includes('name'))).toBe(false);
	});
});

describe('quickScore', () => {
	const set = generateLabelledSet({ seed: 5, people: 1500 });
	const records = set.records.map(prepare);
	const pairs: [Prepared, Prepared][] = [];
	forEachCandidatePair(records, (i, j) => pairs.push([records[i]!, records[j]!]));

	it.each([0.3, 0.5, 0.8, 0.95])(
		'drops no pair scorePair keeps at %s, and scores the pairs it keeps the same',
		(minScore) => {
			let kept = 0;
			let dropped = 0;
			for (const [a, b] of pairs) {
				const reference = scorePair(a, b).score;
				const quick = quickScore(a, b, minScore);
				if (reference >= minScore) {
					expect(quick).toBe(reference);
					kept++;
				} else if (quick < 0) dropped++;
				else expect(quick).toBe(reference);
			}
			expect(kept).toBeGreaterThan(100);
			expect(dropped).toBeGreaterThan(100);
		}
	);

	it('keeps twins at one address when the threshold is below the household cap', () => {
		const a = prepare({ ...base, givenName: 'Sophie' });
		const b = prepare({ ...base, id: 'b', givenName: 'Emily' });
		expect(quickScore(a, b, HOUSEHOLD_CAP)).toBe(HOUSEHOLD_CAP);
		expect(quickScore(a, b, HOUSEHOLD_CAP + 0.01)).toBe(-1);
	});
});
