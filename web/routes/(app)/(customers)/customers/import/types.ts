import type { client } from '$lib/api';
import type { InferResponseType } from 'hono/client';

export type ImportReport = InferResponseType<(typeof client.customers.import)['$post'], 200>;
