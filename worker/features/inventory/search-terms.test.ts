import { describe, expect, it } from 'vitest';
import { isWordTerm, searchTerms, trigramQuery, wordKey } from './search-terms';

describe('searchTerms', () => {
	it('strips FTS5 operators so they are never syntax', () => {
		expect(searchTerms('"heart')).toEqual(['heart']);
		expect(searchTerms('heart*')).toEqual(['heart']);
		expect(searchTerms('(red OR blue) NEAR:heart^ -candle +x')).toEqual([
			'red',
			'blue',
			'heart',
			'candle',
			'x'
		]);
		expect(searchTerms('cup and saucer')).toEqual(['cup', 'and', 'saucer']);
		expect(searchTerms('"*"')).toEqual([]);
	});

	it('keeps the punctuation product names use', () => {
		expect(searchTerms('t-light set/6')).toEqual(['t-light', 'set/6']);
	});
});

describe('trigramQuery', () => {
	it('quotes each term of three or more characters', () => {
		expect(trigramQuery(['white', 'of', 'heart'])).toBe('"white" "heart"');
		expect(trigramQuery(['of'])).toBeNull();
	});
});

describe('words for typo checks', () => {
	it('folds case and accents as the word index does', () => {
		expect(wordKey('Crème')).toBe('creme');
	});

	it('takes letters-only words of three or more', () => {
		expect(['heart', 'of', '85123A', 't-light', 'Brûlée'].map(isWordTerm)).toEqual([
			true,
			false,
			false,
			false,
			true
		]);
	});
});
