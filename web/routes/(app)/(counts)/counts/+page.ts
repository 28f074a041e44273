import { client } from '$lib/api';
import { loadFromApi } from '$lib/auth/load';
import { lastKnownOpenCounts } from '$lib/offline/counts-open';
import { ApiProblem } from '$lib/problem';
import { request } from '$lib/request';
import type { PageLoad } from './$types';

/** My counts, live; with no network, the open counts at my location as last read here. */
export const load: PageLoad = () =>
	loadFromApi(async () => {
		try {
			const tasks = (await request(client.counts.tasks.$get({ query: { mine: 'true' } }))).items;
			return { tasks, offlineAsOf: null };
		} catch (error) {
			const known =
				error instanceof ApiProblem && error.status === 0 && (await lastKnownOpenCounts());
			if (!known) throw error;
			return { tasks: known.value, offlineAsOf: known.asOf };
		}
	});
