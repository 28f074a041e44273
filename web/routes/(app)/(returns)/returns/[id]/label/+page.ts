import { client } from '$lib/api';
import { loadFromApi } from '$lib/auth/load';
import { request } from '$lib/request';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ params }) =>
	loadFromApi(async () => ({
		ret: await request(client.returns[':id'].$get({ param: { id: params.id } }))
	}));
