import { client } from '$lib/api';
import { loadFromApi } from '$lib/auth/load';
import { request } from '$lib/request';
import type { PageLoad } from './$types';

export const load: PageLoad = () =>
	loadFromApi(async () => {
		const list = (status: 'sent' | 'partially_received') =>
			request(client.purchasing['purchase-orders'].$get({ query: { status, limit: '50' } }));
		const [sent, partial] = await Promise.all([list('sent'), list('partially_received')]);
		return { orders: [...partial.items, ...sent.items] };
	});
