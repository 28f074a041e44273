import { describe, expect, it } from 'vitest';
import { searchSummary } from './summary';

describe('searchSummary', () => {
	it('agrees in number with the count', () => {
		expect(searchSummary({ count: 1, query: '85123A', limit: 20 })).toBe(
			'1 product matches “85123A”'
		);
		expect(searchSummary({ count: 3, query: 'heart', limit: 20 })).toBe('3 products match “heart”');
	});

	it('says nothing matched, and when the list is cut at the limit', () => {
		expect(searchSummary({ count: 0, query: 'zz', limit: 20 })).toBe('No products match “zz”');
		expect(searchSummary({ count: 20, query: 'a', limit: 20 })).toBe(
			'Showing the first 20 products; type more to narrow it down'
		);
	});
});
