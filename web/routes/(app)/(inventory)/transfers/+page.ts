import { client } from '$lib/api';
import { loadFromApi } from '$lib/auth/load';
import { request } from '$lib/request';
import type { PageLoad } from './$types';

const FILTERS = ['open', 'draft', 'received', 'cancelled'] as const;
type Filter = (typeof FILTERS)[number] | '';

export const load: PageLoad = ({ url }) => {
	const asked = url.searchParams.get('status') ?? '';
	const status = (FILTERS as readonly string[]).includes(asked) ? (asked as Filter) : '';
	return loadFromApi(async () => ({
		status,
		page: await request(
			client.transfers.$get({ query: { limit: '50', ...(status ? { status } : {}) } })
		)
	}));
};
