import type { InferResponseType } from 'hono/client';
import type { client } from '$lib/api';

// Types come from the API's own routes, so a change there fails the type check here.
export type TransferSummary = InferResponseType<typeof client.transfers.$get, 200>['items'][number];
export type Transfer = InferResponseType<(typeof client.transfers)[':id']['$get'], 200>;
export type TransferLine = Transfer['lines'][number];

export const STATUS_LABELS: Record<Transfer['status'], string> = {
	draft: 'Draft',
	sent: 'Sent',
	partially_received: 'Partly received',
	received: 'Received',
	cancelled: 'Cancelled'
};
