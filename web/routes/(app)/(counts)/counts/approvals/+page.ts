import { client } from '$lib/api';
import { loadFromApi } from '$lib/auth/load';
import { request } from '$lib/request';
import type { PageLoad } from './$types';

export const load: PageLoad = () =>
	loadFromApi(async () => {
		const [queue, thresholds] = await Promise.all([
			request(client.counts.approvals.$get({ query: {} })),
			request(client.counts['approval-thresholds'].$get())
		]);
		return { items: queue.items, thresholds };
	});
