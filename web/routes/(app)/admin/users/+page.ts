import { client } from '$lib/api';
import { throwForLoad } from '$lib/auth/expired';
import { request } from '$lib/request';
import type { PageLoad } from './$types';

// The roles come from the API's permission map, so a new role needs no change here.
export const load: PageLoad = async ({ url }) => {
	try {
		const [staff, map] = await Promise.all([
			request(client.users.$get()),
			request(client.auth.permissions.$get())
		]);
		return { items: staff.items, roles: Object.keys(map.roles) };
	} catch (problem) {
		throwForLoad(problem, url);
	}
};
