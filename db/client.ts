import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';

export type Db = LibSQLDatabase;
export type DatabaseConfig = { url: string; authToken?: string };

// A local file may be shared by several processes (the embedded server runs one per
// core, scripts/serve/main.ts): in WAL mode readers never wait, and a writer that finds
// another's batch in progress waits up to this long instead of failing with SQLITE_BUSY.
// libSQL waits synchronously, but a batch holds the lock for milliseconds.
export const FILE_BUSY_TIMEOUT_MS = 5_000;

// One client per URL and isolate. A connection cache only: nothing that
// correctness depends on lives here (DESIGN §2, no in-process coordination).
const clients = new Map<string, Client>();

export function openClient({ url, authToken }: DatabaseConfig): Client {
	const cacheKey = `${url}\u0000${authToken ?? ''}`;
	let client = clients.get(cacheKey);
	if (!client) {
		const local = url.startsWith('file:');
		client = createClient({ url, authToken, ...(local ? { timeout: FILE_BUSY_TIMEOUT_MS } : {}) });
		if (local) {
			const batch = client.batch.bind(client);
			client.batch = ((statements, mode) =>
				batch(statements, mode ?? batchMode(statements))) as Client['batch'];
		}
		clients.set(cacheKey, client);
	}
	return client;
}

export type RoundTrips = { count: number };

type Statement = string | { sql: string } | readonly [string, ...unknown[]];
const WRITE = /\b(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b/i;

/**
 * The transaction a batch needs when its caller did not say (Drizzle never does). libSQL's
 * default, BEGIN DEFERRED, starts as a reader and upgrades at the first write; when another
 * process committed in between, SQLite refuses the upgrade with SQLITE_BUSY at once, without
 * waiting the busy timeout. Eight sign-ins at once over the two-process server answered five
 * 500s that way (found by the tester's pass). A batch that writes takes the write lock at
 * BEGIN (IMMEDIATE), so it waits its turn; a batch that only reads stays a reader. Only for
 * a local file: a remote libSQL server orders its writers itself.
 */
export function batchMode(statements: readonly Statement[]): 'write' | 'read' {
	const text = (s: Statement) => (typeof s === 'string' ? s : 'sql' in s ? s.sql : s[0]);
	return statements.some((s) => WRITE.test(text(s))) ? 'write' : 'read';
}

/**
 * Wraps a client so every call that crosses to the database counts one round
 * trip. The API reports the count per request (x-ordo-db-round-trips) and the
 * tests assert on it: "one request, one round trip" is checked, not hoped.
 * Interactive transactions are refused: they cost a round trip per statement
 * and hold locks across the network; a mutation is one `batch` (DESIGN §3).
 */
export function countingClient(client: Client, trips: RoundTrips): Client {
	return new Proxy(client, {
		get(target, prop, receiver) {
			if (prop === 'execute' || prop === 'batch' || prop === 'executeMultiple') {
				const fn = Reflect.get(target, prop, receiver) as (...a: unknown[]) => unknown;
				return (...args: unknown[]) => {
					trips.count += 1;
					return fn.apply(target, args);
				};
			}
			if (prop === 'transaction') {
				return () =>
					Promise.reject(new Error('interactive transactions are not allowed: use batch'));
			}
			return Reflect.get(target, prop, receiver);
		}
	});
}

export function drizzleOver(client: Client): Db {
	return drizzle(client);
}
