import { client } from '$lib/api';
import { loadFromApi } from '$lib/auth/load';
import { request } from '$lib/request';
import type { PageLoad } from './$types';

export const load: PageLoad = () =>
	loadFromApi(async () => request(client.purchasing.suppliers.$get()));
