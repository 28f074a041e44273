import { error } from '@sveltejs/kit';
import { client } from '$lib/api';
import { loadFromApi } from '$lib/auth/load';
import { request } from '$lib/request';
import type { PageLoad } from './$types';
import type { ReasonNode } from '../types';

// /returns/new?order=ORD-10042 (the order page's "Start return" links so): the order with
// its lines, and the reasons to pick from, in parallel.
export const load: PageLoad = ({ url }) =>
	loadFromApi(async () => {
		const number = url.searchParams.get('order')?.trim().toUpperCase();
		if (!number) error(400, { message: 'Open the order the customer wants to return from first.' });
		const [found, reasons] = await Promise.all([
			request(client.orders.$get({ query: { q: number, limit: '5' } })),
			request(client.returns.reasons.$get())
		]);
		const match = found.items.find((o) => o.number === number);
		if (!match) error(404, { message: `No order ${number}.` });
		const order = await request(client.orders[':id'].$get({ param: { id: match.id } }));
		return { order, reasons: reasons.items as unknown as ReasonNode[] };
	});
