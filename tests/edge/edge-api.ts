// The edge tests' twin of tests/support/test-api.ts: the same Hono app called
// in-process, but inside workerd and over libSQL HTTP (the Hrana server that
// tests/edge/global-setup.ts started), so the web build of @libsql/client,
// Drizzle over it, and every Web API the app uses run in the real runtime.
import { createClient, type Client } from '@libsql/client';
import { inject } from 'vitest';
import type { Role } from '../../db/schema/auth';
import { drizzleOver, type Db } from '../../db/client';
import { api } from '../../worker/app';
import type { Bindings } from '../../worker/core/context';
import { createUser, TEST_DATA_KEY, TEST_PASSWORD } from '../support/factories';
import { ORIGIN, type Session } from '../support/test-api';
import type { EdgeDatabases } from './global-setup';

export type EdgeApi = {
	url: string;
	client: Client;
	db: Db;
	request(
		path: string,
		init?: RequestInit & { session?: Session; json?: unknown }
	): Promise<Response>;
	signIn(role: Role): Promise<Session>;
};

/** The app over one of the edge databases, with a direct client for fixtures and checks. */
export function edgeApi(database: keyof EdgeDatabases, bindings: Partial<Bindings> = {}): EdgeApi {
	const url = inject('edgeDatabases')[database];
	const env: Bindings = { LIBSQL_URL: url, ORDO_DATA_KEY: TEST_DATA_KEY, ...bindings };
	const client = createClient({ url });
	const db = drizzleOver(client);
	const request: EdgeApi['request'] = async (path, init = {}) => {
		const { session, json, ...rest } = init;
		const headers = new Headers(rest.headers);
		if (session) headers.set('cookie', session.cookie);
		if (json !== undefined) {
			headers.set('content-type', 'application/json');
			rest.body = JSON.stringify(json);
		}
		const method = (rest.method ?? 'GET').toUpperCase();
		if (method !== 'GET' && !headers.has('origin')) headers.set('origin', ORIGIN);
		return api.request(path, { ...rest, headers }, env);
	};
	const signIn = async (role: Role): Promise<Session> => {
		const user = await createUser(db, { role });
		const res = await request('/api/auth/sign-in', {
			method: 'POST',
			json: { email: user.email, password: TEST_PASSWORD }
		});
		if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
		const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
		return { cookie, user: { id: user.id, email: user.email, role } };
	};
	return { url, client, db, request, signIn };
}

/**
 * The shop database, migrated by the worker itself: its first request brings the
 * schema up (the migrator's ledger makes concurrent test files safe), and only
 * then are fixtures written through the direct client.
 */
export async function shopApi(bindings: Partial<Bindings> = {}): Promise<EdgeApi> {
	const t = edgeApi('shop', bindings);
	const res = await t.request('/api/health');
	if (res.status !== 200) throw new Error(`health failed: ${res.status} ${await res.text()}`);
	return t;
}
