import { describe, expect, it } from 'vitest';
import { searchSummary } from './summary';

describe('searchSummary', () => {
	it('agrees in number with the count', () => {
		expect(searchSummary({ count: 1, query: '85123A', more: false })).toBe(
			'1 product matches “85123A”'
		);
		expect(searchSummary({ count: 3, query: 'heart', more: false })).toBe(
			'3 products match “heart”'
		);
	});

	it('says nothing matched, and when more follow below', () => {
		expect(searchSummary({ count: 0, query: 'zz', more: false })).toBe('No products match “zz”');
		expect(searchSummary({ count: 40, query: 'candle', more: true })).toBe(
			'Showing 40 products for “candle”, more below'
		);
	});
});
