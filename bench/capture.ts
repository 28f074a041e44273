import type { Client, InStatement } from '@libsql/client';
import { countingClient, drizzleOver, type RoundTrips } from '../db/client';
import { systemCtx, type Ctx } from '../worker/core/context';

/** One call that crossed to the database: a single statement or one batch. */
export type Trip =
	| { method: 'execute'; statement: InStatement }
	| { method: 'batch'; statements: InStatement[]; mode?: unknown };

/** A verb context over `client`, counting round trips the way the API's middleware does. */
export function verbCtx(client: Client, trips: RoundTrips): Ctx {
	return systemCtx(drizzleOver(countingClient(client, trips)));
}

/**
 * A client that passes every call through and writes down what it sent, so the bench
 * can explain and replay the verbs' real SQL instead of a copy that could drift.
 */
export function recordingClient(client: Client, trips: Trip[]): Client {
	return new Proxy(client, {
		get(target, prop, receiver) {
			if (prop === 'execute') {
				return (statement: InStatement) => {
					trips.push({ method: 'execute', statement });
					return target.execute(statement);
				};
			}
			if (prop === 'batch') {
				return (statements: InStatement[], mode?: unknown) => {
					trips.push({ method: 'batch', statements, mode });
					return target.batch(statements, mode as never);
				};
			}
			return Reflect.get(target, prop, receiver);
		}
	});
}

/** The verb's SQL with the verb taken away: the same trips, sent straight to the client. */
export async function replay(client: Client, trips: readonly Trip[]): Promise<void> {
	for (const trip of trips) {
		if (trip.method === 'execute') await client.execute(trip.statement);
		else await client.batch(trip.statements, trip.mode as never);
	}
}

export function statementsOf(trips: readonly Trip[]): InStatement[] {
	return trips.flatMap((t) => (t.method === 'execute' ? [t.statement] : t.statements));
}
