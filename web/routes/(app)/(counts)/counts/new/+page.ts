import { client } from '$lib/api';
import { loadFromApi } from '$lib/auth/load';
import { request } from '$lib/request';
import type { PageLoad } from './$types';

export const load: PageLoad = () =>
	loadFromApi(async () => {
		const [locations, counters] = await Promise.all([
			request(client.fulfilment.locations.$get()),
			request(client.counts.counters.$get())
		]);
		return { locations: locations.items, counters: counters.items };
	});
