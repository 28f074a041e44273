import { client } from '$lib/api';
import { loadFromApi } from '$lib/auth/load';
import { request } from '$lib/request';
import type { PageLoad } from './$types';

export const load: PageLoad = () =>
	loadFromApi(async () => ({
		locations: (await request(client.fulfilment.locations.$get())).items,
		orders: (await request(client.purchasing['purchase-orders'].$get({ query: { limit: '50' } })))
			.items
	}));
