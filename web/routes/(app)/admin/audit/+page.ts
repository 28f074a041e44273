import { client } from '$lib/api';
import { throwForLoad } from '$lib/auth/expired';
import { request } from '$lib/request';
import { apiQuery, formValues, PAGE_SIZE } from './filters';
import type { PageLoad } from './$types';

// Each load is an `audit.view` entry in the log itself (PCI DSS 10.2.1.3).
export const load: PageLoad = async ({ url }) => {
	const values = formValues(url.searchParams);
	const query = apiQuery(values);
	try {
		const page = await request(client.audit.$get({ query: { ...query, limit: PAGE_SIZE } }));
		return { values, query, page };
	} catch (problem) {
		throwForLoad(problem, url);
	}
};
