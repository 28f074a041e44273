import type { InferRequestType, InferResponseType } from 'hono/client';
import type { client } from '$lib/api';
import type { Permission } from '$lib/auth/permission';

type KeysRoute = (typeof client.integrations)['api-keys'];

// From the API's own routes, so a change there fails the type check here.
export type ApiKeySummary = InferResponseType<KeysRoute['$get'], 200>['items'][number];
export type CreatedApiKey = InferResponseType<KeysRoute['$post'], 201>;
export type NewKeyInput = InferRequestType<KeysRoute['$post']>['json'];
export type Grantable = { name: Permission; description: string };
