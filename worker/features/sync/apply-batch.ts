import { and, eq, inArray } from 'drizzle-orm';
import { idempotencyKeys } from '../../../db/schema/sync';
import { hashIdempotencyKey, type StoredResponse } from '../../core/access/authenticate';
import { CLIENT_IP_HEADER } from '../../core/client-ip';
import type { Actor, Ctx } from '../../core/context';
import { SENT_AT_HEADER } from '../../core/device-time';
import { markInner, type InnerAccess } from '../../core/inner-request';
import { PROBLEM_TYPE_BASE, type Problem } from '../../core/problem';
import { isOutboxRoute } from './outbox-routes';
import type { BatchItem, BatchItemResult, SyncBatchResult } from './schemas';

/** Hands one request to the API in-process (app.ts passes `api.fetch`). */
export type Dispatch = (request: Request) => Promise<Response>;

// Headers of the batch request every item carries to its own route: the same session (or
// key), the same-origin proof, the client's address and agent for the audit entry.
const CARRIED = [
	'cookie',
	'authorization',
	'origin',
	'sec-fetch-site',
	'user-agent',
	CLIENT_IP_HEADER
];

function notAnOutboxRoute(item: BatchItem, requestId: string): BatchItemResult {
	const problem: Problem = {
		type: `${PROBLEM_TYPE_BASE}not-an-outbox-route`,
		title: 'This change cannot be sent in a batch',
		status: 422,
		detail: `${item.method} ${item.url.slice(0, 80)} is not a route the outbox sends work to. Send it on its own.`,
		requestId
	};
	return { key: item.key, status: 422, body: null, problem };
}

/**
 * An answer that says "not now" rather than "no" (the outbox's judge, web/lib/sync/outbox-item.ts):
 * the item is sent again later, so the batch stops there and nothing after it overtakes it.
 */
function mustWait(status: number, problem: { type: string } | null): boolean {
	if (status >= 500 || status === 401 || status === 403 || status === 408 || status === 429)
		return true;
	return status === 409 && (problem?.type.endsWith(':idempotency-in-flight') ?? false);
}

async function answerOf(key: string, response: Response): Promise<BatchItemResult> {
	const text = await response.text();
	let parsed: unknown;
	try {
		parsed = text ? JSON.parse(text) : null;
	} catch {
		parsed = null;
	}
	if (response.ok) return { key, status: response.status, body: parsed, problem: null };
	const problem =
		parsed && typeof parsed === 'object' && 'type' in parsed && 'title' in parsed
			? (parsed as BatchItemResult['problem'])
			: null;
	return { key, status: response.status, body: null, problem };
}

/** The stored answers of the batch's keys, in one query (the items' permit() skips its own). */
async function storedAnswers(ctx: Ctx, scope: string, items: BatchItem[]) {
	const hashes = [...new Set(items.map((item) => hashIdempotencyKey(item.key)))];
	const rows = await ctx.db
		.select({
			key: idempotencyKeys.key,
			requestHash: idempotencyKeys.requestHash,
			status: idempotencyKeys.status,
			body: idempotencyKeys.body
		})
		.from(idempotencyKeys)
		.where(and(eq(idempotencyKeys.scope, scope), inArray(idempotencyKeys.key, hashes)));
	return new Map<string, StoredResponse>(rows.map(({ key, ...stored }) => [key, stored]));
}

/**
 * Applies an outbox batch: each item, in order, through its OWN route in-process, with its
 * own Idempotency-Key, `Ordo-Sent-At` and `Ordo-Queued-By`, under the batch's session. So
 * each is validated, authorised, applied once (a key seen before replays its stored answer)
 * and audited exactly as if the phone had sent it alone, in its own database batch: a
 * refused item never undoes or stops the others. Only an item that must wait (see mustWait)
 * stops the batch, so the queue's order holds. Who is calling and the stored answers are
 * read once for the batch (one round trip), not once per item.
 */
export async function applyBatch({
	ctx,
	items,
	headers,
	origin,
	dispatch
}: {
	ctx: Ctx;
	items: BatchItem[];
	/** The batch request's headers. */
	headers: Headers;
	/** The batch request's origin (scheme, host, port): items go to the same API. */
	origin: string;
	dispatch: Dispatch;
}): Promise<SyncBatchResult> {
	const actor = ctx.actor as Actor;
	const scope = `${actor.kind}:${actor.id}`;
	const stored = await storedAnswers(ctx, scope, items);
	const seen = new Set<string>();
	const results: BatchItemResult[] = [];
	for (const item of items) {
		if (!isOutboxRoute(item.method, item.url)) {
			results.push(notAnOutboxRoute(item, ctx.requestId));
			continue;
		}
		const own = new Headers({ 'content-type': 'application/json', 'idempotency-key': item.key });
		for (const name of CARRIED) {
			const value = headers.get(name);
			if (value !== null) own.set(name, value);
		}
		if (item.sentAt !== undefined) own.set(SENT_AT_HEADER, item.sentAt);
		if (item.queuedBy !== undefined) own.set('ordo-queued-by', item.queuedBy);
		// A key met earlier in this batch may have been stored since: its item looks for itself.
		const hash = hashIdempotencyKey(item.key);
		const access: InnerAccess | null = seen.has(hash)
			? null
			: { actor, scope, stored: stored.get(hash) ?? null };
		seen.add(hash);
		const request = markInner(
			new Request(new URL(item.url, origin), {
				method: item.method,
				headers: own,
				body: JSON.stringify(item.body)
			}),
			access
		);
		const result = await answerOf(item.key, await dispatch(request));
		results.push(result);
		if (mustWait(result.status, result.problem)) return { results, stoppedAt: item.key };
	}
	return { results, stoppedAt: null };
}
