import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { client } from '$lib/api';
import { loadFromApi } from '$lib/auth/load';
import { request } from '$lib/request';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, depends }) => {
	depends('app:customer');
	const data = await loadFromApi(async () => ({
		customer: await request(client.customers[':id'].$get({ param: { id: params.id } }))
	}));
	// A merged profile is a tombstone: old links open the customer it was merged into.
	const survivor = data.customer.mergedInto;
	if (survivor) redirect(307, resolve('/(app)/(customers)/customers/[id]', { id: survivor }));
	return data;
};
