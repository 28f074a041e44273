import { client } from '$lib/api';
import { loadFromApi } from '$lib/auth/load';
import { request } from '$lib/request';
import type { StaffRole } from './types';
import type { PageLoad } from './$types';

// The roles come from the API's permission map, so a new role needs no change here.
export const load: PageLoad = () =>
	loadFromApi(async () => {
		const [staff, map] = await Promise.all([
			request(client.users.$get()),
			request(client.auth.permissions.$get())
		]);
		return { items: staff.items, roles: Object.keys(map.roles) as StaffRole[] };
	});
