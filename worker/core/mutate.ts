import { sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Ctx } from './context';
import { fromConstraintError } from './constraint-errors';

export type Mutation = {
	/** The writes, in order. The database's constraints and triggers guard them. */
	writes: [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]];
	/** A scalar SELECT yielding the JSON response, read after the writes in the same batch. */
	result: SQL;
	/** The HTTP status the route answers with, stored for Idempotency-Key replays. */
	status?: number;
};

/**
 * Runs a mutation as ONE round trip (DESIGN §3): the writes, then the response read
 * inside the same transaction. With an Idempotency-Key the response is stored by
 * that same batch, so a retry replays exactly the first result, and two racing
 * requests with one key cannot both apply (the key's primary key refuses one).
 * A broken invariant fails the whole batch and becomes a 409/422 problem.
 */
export async function mutate<T>(ctx: Ctx, { writes, result, status = 200 }: Mutation): Promise<T> {
	const claim = ctx.idempotency;
	const respond = claim
		? ctx.db.all<{ body: string }>(
				sql`INSERT INTO idempotency_keys (scope, key, request_hash, status, body, created_at)
					VALUES (${claim.scope}, ${claim.key}, ${claim.requestHash}, ${status}, (${result}), ${ctx.now})
					RETURNING body`
			)
		: ctx.db.all<{ body: string }>(sql`SELECT (${result}) AS body`);
	try {
		const results = await ctx.db.batch([...writes, respond]);
		const rows = results.at(-1) as { body: string | null }[];
		const body = rows[0]?.body;
		if (body === null || body === undefined)
			throw new Error('mutation result query returned no row');
		return JSON.parse(body) as T;
	} catch (error) {
		throw fromConstraintError(error) ?? error;
	}
}
