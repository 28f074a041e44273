import { client } from '$lib/api';
import { loadFromApi } from '$lib/auth/load';
import { lastKnownProduct, rememberProduct } from '$lib/offline/last-known';
import { ApiProblem } from '$lib/problem';
import { request } from '$lib/request';
import type { PageLoad } from './$types';

/**
 * The product, live; with no network, its last-known copy on this device (a page
 * opened here before, or the catalogue snapshot) and when the server read it.
 */
export const load: PageLoad = ({ params }) =>
	loadFromApi(async () => {
		const get = () => request(client.inventory.products[':id'].$get({ param: { id: params.id } }));
		try {
			const product = await get();
			void rememberProduct(product);
			return { product, offlineAsOf: null };
		} catch (error) {
			const known = isOffline(error) ? await lastKnownProduct(params.id) : null;
			if (!known) throw error;
			return { product: known.value, offlineAsOf: known.asOf };
		}
	});

const isOffline = (error: unknown) => error instanceof ApiProblem && error.status === 0;
