import { createMiddleware } from 'hono/factory';
import type { Client } from '@libsql/client';
import { countingClient, drizzleOver, openClient, type RoundTrips } from '../../db/client';
import { migrate } from '../../db/migrate';
import type { AppEnv } from './context';
import { Unavailable } from './errors';

// Each isolate brings the database up to the migrations it was built with before
// its first request. The ledger in the database makes this safe across isolates;
// this map only saves asking again.
const migrated = new WeakMap<Client, Promise<unknown>>();

export function ensureMigrated(client: Client): Promise<unknown> {
	let done = migrated.get(client);
	if (!done) {
		done = migrate(client).catch((error: unknown) => {
			migrated.delete(client);
			throw error;
		});
		migrated.set(client, done);
	}
	return done;
}

/** Opens the request's database handles and reports its round trips in headers. */
export const database = createMiddleware<AppEnv>(async (c, next) => {
	const url = c.env?.LIBSQL_URL;
	if (!url) throw new Error('LIBSQL_URL is not configured');
	let client: Client;
	try {
		client = openClient({ url, authToken: c.env.LIBSQL_AUTH_TOKEN });
		await ensureMigrated(client);
	} catch {
		throw new Unavailable(
			'database-unavailable',
			'The database cannot be reached',
			'Nothing was changed. Try again in a moment.'
		);
	}
	const trips: RoundTrips = { count: 0 };
	const authTrips: RoundTrips = { count: 0 };
	c.set('database', {
		client,
		db: drizzleOver(countingClient(client, trips)),
		authDb: drizzleOver(countingClient(client, authTrips)),
		trips,
		authTrips
	});
	await next();
	c.header('x-ordo-db-round-trips', String(trips.count + authTrips.count));
	c.header('x-ordo-db-auth-round-trips', String(authTrips.count));
});
