import { client } from '$lib/api';
import { loadFromApi } from '$lib/auth/load';
import { request } from '$lib/request';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, params }) => {
	await parent();
	return loadFromApi(async () => {
		const param = { id: params.id };
		const [endpoints, log] = await Promise.all([
			request(client.webhooks.endpoints.$get()),
			request(client.webhooks.endpoints[':id'].deliveries.$get({ param, query: {} }))
		]);
		return { endpoint: endpoints.items.find((e) => e.id === params.id) ?? null, log };
	});
};
