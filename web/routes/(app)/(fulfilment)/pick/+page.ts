import { client } from '$lib/api';
import { loadFromApi } from '$lib/auth/load';
import { lastKnownLocations } from '$lib/offline/last-known';
import { ApiProblem } from '$lib/problem';
import { request } from '$lib/request';
import type { PageLoad } from './$types';

// Offline, the locations as last read on this device, so the last-known pick list opens.
export const load: PageLoad = () =>
	loadFromApi(async () => {
		try {
			return { locations: (await request(client.fulfilment.locations.$get())).items };
		} catch (error) {
			const known =
				error instanceof ApiProblem && error.status === 0 && (await lastKnownLocations());
			if (!known) throw error;
			return { locations: known };
		}
	});
