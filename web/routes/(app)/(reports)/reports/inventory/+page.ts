import { loadFromApi } from '$lib/auth/load';
import { readProblem, ApiProblem } from '$lib/problem';
import type { PageLoad } from './$types';
import { isReportName, REPORTS } from './reports';

/** The report named in the address (?report=, ?to=, ?days=), read from the API as JSON. */
export const load: PageLoad = ({ url, fetch }) => {
	const asked = url.searchParams.get('report') ?? '';
	const report = isReportName(asked) ? asked : 'valuation';
	const query = new URLSearchParams();
	if (REPORTS[report].period) {
		for (const key of ['to', 'days']) {
			const value = url.searchParams.get(key);
			if (value) query.set(key, value);
		}
	}
	const path = `/api/reports/inventory/${report}`;
	return loadFromApi(async () => {
		const res = await fetch(`${path}?${query}`);
		if (!res.ok) throw new ApiProblem(await readProblem(res));
		const body = (await res.json()) as { rows: Record<string, unknown>[] } & Record<
			string,
			unknown
		>;
		query.set('format', 'csv');
		return {
			report,
			body,
			csvHref: `${path}?${query}`,
			to: query.get('to') ?? '',
			days: query.get('days') ?? '30'
		};
	});
};
