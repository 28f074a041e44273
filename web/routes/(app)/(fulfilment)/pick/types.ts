import type { InferResponseType } from 'hono/client';
import type { client } from '$lib/api';

// Types come from the API's own routes, so a change there fails the type check here.
export type PickList = InferResponseType<(typeof client.fulfilment)['pick-list']['$get'], 200>;
export type PickListOrder = PickList['items'][number];
export type Shipment = InferResponseType<(typeof client.fulfilment.shipments)[':id']['$get'], 200>;
export type Location = InferResponseType<
	typeof client.fulfilment.locations.$get,
	200
>['items'][number];
