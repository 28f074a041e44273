import type { InferResponseType } from 'hono/client';
import type { client } from '$lib/api';

// Types come from the API's own routes, so a change there fails the type check here.
export type ProductSummary = InferResponseType<
	typeof client.inventory.products.$get,
	200
>['items'][number];

export type ProductDetail = InferResponseType<
	(typeof client.inventory.products)[':id']['$get'],
	200
>;
