import { client } from '$lib/api';
import { loadFromApi } from '$lib/auth/load';
import { request } from '$lib/request';
import { error } from '@sveltejs/kit';
import type { PageLoad } from './$types';

/** The order named by ?order= (its number, ORD-…, or its id), as the claim form needs it. */
export const load: PageLoad = ({ url }) => {
	const asked = url.searchParams.get('order')?.trim() ?? '';
	if (!asked) error(400, { message: 'Open a claim from an order: ?order=ORD-…' });
	return loadFromApi(async () => {
		let id = asked;
		if (/^ORD-/i.test(asked)) {
			const page = await request(client.orders.$get({ query: { q: asked, limit: '5' } }));
			const found = page.items.find((o) => o.number.toUpperCase() === asked.toUpperCase());
			if (!found) error(404, { message: `No order ${asked}` });
			id = found.id;
		}
		return { order: await request(client.orders[':id'].$get({ param: { id } })) };
	});
};
