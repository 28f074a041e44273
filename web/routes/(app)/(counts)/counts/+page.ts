import { client } from '$lib/api';
import { loadFromApi } from '$lib/auth/load';
import { request } from '$lib/request';
import type { PageLoad } from './$types';

export const load: PageLoad = () =>
	loadFromApi(async () => ({
		tasks: (await request(client.counts.tasks.$get({ query: { mine: 'true' } }))).items
	}));
