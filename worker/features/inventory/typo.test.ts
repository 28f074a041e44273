import { describe, expect, it } from 'vitest';
import { allowedEdits, editDistance, nearestWord } from './typo';

describe('editDistance', () => {
	it('counts insertions, deletions and substitutions', () => {
		expect(editDistance('hangng', 'hanging', 2)).toBe(1);
		expect(editDistance('heart', 'hearts', 2)).toBe(1);
		expect(editDistance('candle', 'cradle', 2)).toBe(2);
		expect(editDistance('same', 'same', 2)).toBe(0);
	});

	it('counts a swap of two neighbours as one edit', () => {
		expect(editDistance('haert', 'heart', 2)).toBe(1);
		expect(editDistance('ehart', 'heart', 2)).toBe(1);
	});

	it('stops at max + 1 once the answer is beyond max', () => {
		expect(editDistance('lantern', 'heart', 2)).toBe(3);
		expect(editDistance('a', 'abcdef', 2)).toBe(3);
		expect(editDistance('', 'ab', 2)).toBe(2);
	});
});

describe('allowedEdits', () => {
	it('allows none under four letters, one at four, two from five', () => {
		expect([3, 4, 5, 9].map(allowedEdits)).toEqual([0, 1, 2, 2]);
	});
});

describe('nearestWord', () => {
	const known = [
		{ term: 'heart', products: 140 },
		{ term: 'hearts', products: 12 },
		{ term: 'heat', products: 3 },
		{ term: 'hanging', products: 80 }
	];

	it('finds the word with fewest edits', () => {
		expect(nearestWord('haert', known)).toBe('heart');
		expect(nearestWord('hangng', known)).toBe('hanging');
	});

	it('prefers the word in more products among equally near ones', () => {
		// "hearq" is one edit from both: heart is in more products.
		const twins = [
			{ term: 'heard', products: 2 },
			{ term: 'heart', products: 140 }
		];
		expect(nearestWord('hearq', twins)).toBe('heart');
	});

	it('leaves a known word, a short word and a far word alone', () => {
		expect(nearestWord('heart', known)).toBeNull();
		expect(nearestWord('hat', known)).toBeNull();
		expect(nearestWord('lantern', known)).toBeNull();
	});
});
