import { client } from '$lib/api';
import { loadFromApi } from '$lib/auth/load';
import { lastKnownCount, rememberCount } from '$lib/offline/counts-open';
import { ApiProblem } from '$lib/problem';
import { request } from '$lib/request';
import type { PageLoad } from './$types';

/**
 * The count task, live (and kept on the device); with no network, the copy kept here, so
 * lines are counted into the outbox as they would be online.
 */
export const load: PageLoad = ({ params }) =>
	loadFromApi(async () => {
		try {
			const task = await request(client.counts.tasks[':id'].$get({ param: { id: params.id } }));
			void rememberCount(task);
			return { task, offlineAsOf: null };
		} catch (error) {
			const known =
				error instanceof ApiProblem && error.status === 0 && (await lastKnownCount(params.id));
			if (!known) throw error;
			return { task: known.value, offlineAsOf: known.asOf };
		}
	});
