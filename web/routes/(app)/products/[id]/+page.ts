import { client } from '$lib/api';
import { throwForLoad } from '$lib/auth/expired';
import { request } from '$lib/request';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, url }) => {
	try {
		const product = await request(
			client.inventory.products[':id'].$get({ param: { id: params.id } })
		);
		return { product };
	} catch (problem) {
		throwForLoad(problem, url);
	}
};
