import type { InferResponseType } from 'hono/client';
import type { client } from '$lib/api';

// From the API's own routes, so a change there fails the type check here.
export type StaffAccount = InferResponseType<typeof client.users.$get, 200>['items'][number];
export type PermissionMap = InferResponseType<typeof client.auth.permissions.$get, 200>;
export type StaffRole = StaffAccount['role'];
