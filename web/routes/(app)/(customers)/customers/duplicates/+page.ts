import { client } from '$lib/api';
import { loadFromApi } from '$lib/auth/load';
import { request } from '$lib/request';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ depends }) => {
	depends('app:duplicates');
	return loadFromApi(async () => ({
		queue: await request(client.customers.duplicates.$get({ query: {} }))
	}));
};
