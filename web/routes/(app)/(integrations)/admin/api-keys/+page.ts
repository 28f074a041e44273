import { client } from '$lib/api';
import { loadFromApi } from '$lib/auth/load';
import { session } from '$lib/auth/session.svelte';
import { request } from '$lib/request';
import { grantable } from './grantable';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
	// What the person holds decides what a key may be given: wait for the layout to confirm it.
	await parent();
	return loadFromApi(async () => {
		const [keys, map] = await Promise.all([
			request(client.integrations['api-keys'].$get()),
			request(client.auth.permissions.$get())
		]);
		return { items: keys.items, grantable: grantable(map.permissions, session.permissions) };
	});
};
