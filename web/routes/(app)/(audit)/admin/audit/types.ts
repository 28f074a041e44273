import type { InferResponseType } from 'hono/client';
import type { client } from '$lib/api';

// Types come from the API's own routes, so a change there fails the type check here.
export type AuditPage = InferResponseType<typeof client.audit.$get, 200>;
export type AuditEntry = AuditPage['items'][number];
export type AuditVerification = InferResponseType<typeof client.audit.verify.$get, 200>;
