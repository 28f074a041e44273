import { formatCount } from '$lib/format';

/** The line under the search box: how many products answer the query, in plain words. */
export function searchSummary({
	count,
	query,
	limit
}: {
	count: number;
	query: string;
	limit: number;
}): string {
	if (count === 0) return `No products match “${query}”`;
	const products = count === 1 ? '1 product' : `${formatCount(count)} products`;
	if (count >= limit) return `Showing the first ${products}; type more to narrow it down`;
	return `${products} ${count === 1 ? 'matches' : 'match'} “${query}”`;
}
