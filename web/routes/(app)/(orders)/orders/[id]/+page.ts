import { client } from '$lib/api';
import { loadFromApi } from '$lib/auth/load';
import { request } from '$lib/request';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ params, depends }) => {
	depends('app:order');
	return loadFromApi(async () => ({
		order: await request(client.orders[':id'].$get({ param: { id: params.id } }))
	}));
};
