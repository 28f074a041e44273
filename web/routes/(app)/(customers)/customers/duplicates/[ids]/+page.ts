import { client } from '$lib/api';
import { loadFromApi } from '$lib/auth/load';
import { request } from '$lib/request';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params }) =>
	loadFromApi(async () => ({
		comparison: await request(
			client.customers.duplicates.compare.$get({
				query: { ids: params.ids }
			})
		)
	}));
