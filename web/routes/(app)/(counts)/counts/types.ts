import type { InferResponseType } from 'hono/client';
import type { client } from '$lib/api';

// Types come from the API's own routes, so a change there fails the type check here.
export type CountTask = InferResponseType<typeof client.counts.tasks.$get, 200>['items'][number];
export type CountTaskDetail = InferResponseType<(typeof client.counts.tasks)[':id']['$get'], 200>;
export type TaskItem = CountTaskDetail['items'][number];
export type ApprovalItem = InferResponseType<
	typeof client.counts.approvals.$get,
	200
>['items'][number];
export type Thresholds = InferResponseType<
	(typeof client.counts)['approval-thresholds']['$get'],
	200
>;
