import { client } from '$lib/api';
import { loadFromApi } from '$lib/auth/load';
import { request } from '$lib/request';
import type { PageLoad } from './$types';
import type { ReasonNode } from '../../returns/types';

export const load: PageLoad = ({ depends }) => {
	depends('app:return-settings');
	return loadFromApi(async () => {
		const [policy, reasons] = await Promise.all([
			request(client.returns.policy.$get()),
			request(client.returns.reasons.$get())
		]);
		return { policy, reasons: reasons.items as unknown as ReasonNode[] };
	});
};
