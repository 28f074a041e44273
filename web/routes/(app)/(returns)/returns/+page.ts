import { client } from '$lib/api';
import { loadFromApi } from '$lib/auth/load';
import { request } from '$lib/request';
import type { PageLoad } from './$types';

// /returns?q=RET-10002&status=authorised: the filters live in the address (shareable, back works).
export const load: PageLoad = ({ url }) => {
	const q = url.searchParams.get('q')?.trim() || undefined;
	const status = url.searchParams.get('status') || undefined;
	return loadFromApi(async () => ({
		q: q ?? '',
		status: status ?? '',
		page: await request(
			client.returns.$get({
				query: { q, status: status as never, limit: '50' }
			})
		)
	}));
};
