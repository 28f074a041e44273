import type { InferRequestType, InferResponseType } from 'hono/client';
import type { client } from '$lib/api';

type Endpoints = (typeof client.webhooks)['endpoints'];
type One = Endpoints[':id'];

// From the API's own routes, so a change there fails the type check here.
export type Endpoint = InferResponseType<Endpoints['$get'], 200>['items'][number];
export type CreatedEndpoint = InferResponseType<Endpoints['$post'], 201>;
export type NewEndpoint = InferRequestType<Endpoints['$post']>['json'];
export type EndpointChange = InferRequestType<One['$patch']>['json'];
export type Delivery = InferResponseType<One['deliveries']['$get'], 200>['items'][number];

/** The filters offered as checkboxes; the API takes any `family.type` too. */
export const EVENT_CHOICES = [
	{ value: 'stock.changed', label: 'Stock changed', hint: 'on hand or reserved moved' },
	{ value: 'stock.low', label: 'Stock low', hint: 'below the reorder point' },
	{ value: 'order.*', label: 'Orders', hint: 'placed, paid, held, cancelled, shipped…' },
	{ value: 'refund.*', label: 'Refunds', hint: 'sent, settled, failed, by hand' },
	{ value: 'return.*', label: 'Returns', hint: 'when returns emit them' }
] as const;
