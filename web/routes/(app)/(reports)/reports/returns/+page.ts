import { loadFromApi } from '$lib/auth/load';
import { ApiProblem, readProblem } from '$lib/problem';
import type { PageLoad } from './$types';
import { isReturnReport } from './reports';

/** The returns table named in the address (?table=, ?to=, ?days=), read from the API as JSON. */
export const load: PageLoad = ({ url, fetch }) => {
	const asked = url.searchParams.get('table') ?? '';
	const table = isReturnReport(asked) ? asked : 'by-product';
	const query = new URLSearchParams({ table });
	for (const key of ['to', 'days']) {
		const value = url.searchParams.get(key);
		if (value) query.set(key, value);
	}
	const path = '/api/reports/returns';
	return loadFromApi(async () => {
		const res = await fetch(`${path}?${query}`);
		if (!res.ok) throw new ApiProblem(await readProblem(res));
		const body = (await res.json()) as { rows: Record<string, unknown>[] };
		query.set('format', 'csv');
		return {
			table,
			rows: body.rows,
			csvHref: `${path}?${query}`,
			to: query.get('to') ?? '',
			days: query.get('days') ?? '30'
		};
	});
};
