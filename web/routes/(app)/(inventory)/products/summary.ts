import { formatCount } from '$lib/format';

/** The line under the search box: how many products answer the query, in plain words. */
export function searchSummary({
	count,
	query,
	more
}: {
	count: number;
	query: string;
	/** Whether another page follows (the answer's nextCursor). */
	more: boolean;
}): string {
	if (count === 0) return `No products match “${query}”`;
	const products = count === 1 ? '1 product' : `${formatCount(count)} products`;
	if (more) return `Showing ${products} for “${query}”, more below`;
	return `${products} ${count === 1 ? 'matches' : 'match'} “${query}”`;
}
