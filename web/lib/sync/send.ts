import { forPeople, readProblem } from '../problem';
import type { Answer, OutboxItem } from './outbox-item';

/** Names the person who queued the work; the API refuses it under anyone else's session. */
export const QUEUED_BY_HEADER = 'Ordo-Queued-By';

export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/**
 * Sends one outbox item: its own Idempotency-Key on every attempt, the device's clock
 * now (`Ordo-Sent-At`, so the server can correct the device times in the body for a
 * phone whose clock is wrong) and who queued it. No answer at all is status 0.
 */
export async function sendItem(
	item: OutboxItem,
	{ fetch: send = fetch, now = new Date() }: { fetch?: Fetch; now?: Date } = {}
): Promise<Answer> {
	let response: Response;
	try {
		response = await send(item.url, {
			method: item.method,
			credentials: 'same-origin',
			headers: {
				'content-type': 'application/json',
				'idempotency-key': item.key,
				'ordo-sent-at': now.toISOString(),
				[QUEUED_BY_HEADER.toLowerCase()]: item.queuedBy.id
			},
			body: JSON.stringify(item.body)
		});
	} catch {
		return { status: 0, body: null, problem: null };
	}
	if (response.ok) {
		const body: unknown = await response.json().catch(() => null);
		return { status: response.status, body, problem: null };
	}
	return { status: response.status, body: null, problem: await readProblem(response) };
}

/** The API's outbox batch (worker/features/sync): many items, one request, a result each. */
export const BATCH_URL = '/api/sync/batch';
/** Items per batch: the route's limit (MAX_BATCH_ITEMS). */
export const BATCH_SIZE = 200;

/**
 * What one batch send produced: a result per item the server tried (in order; it stops at
 * the first that must wait, and the rest are absent), or one answer for the whole request
 * (no connection, signed out, a server error: as if the first item had it), or
 * `unsupported` (a server without the batch route, or one that refused the batch as such):
 * send these items one at a time instead.
 */
export type BatchAnswer =
	| { kind: 'results'; answers: Map<string, Answer> }
	| { kind: 'whole'; answer: Answer }
	| { kind: 'unsupported' };

type BatchResult = {
	results: { key: string; status: number; body: unknown; problem: Answer['problem'] }[];
};

// "Not now" for the whole request (the item judge's transient answers); any other refusal
// of the batch as such (404 from an older server, 413/422) means: send one at a time.
const WHOLE = (status: number) =>
	status === 401 || status === 403 || status === 408 || status === 429 || status >= 500;

/**
 * Sends up to BATCH_SIZE items in one request, each with its own key, device clock and
 * person, exactly as sendItem would send it alone (the server hands each to its own route).
 */
export async function sendBatch(
	items: OutboxItem[],
	{ fetch: send = fetch, now = new Date() }: { fetch?: Fetch; now?: Date } = {}
): Promise<BatchAnswer> {
	const sentAt = now.toISOString();
	let response: Response;
	try {
		response = await send(BATCH_URL, {
			method: 'POST',
			credentials: 'same-origin',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				items: items.map((item) => ({
					key: item.key,
					method: item.method,
					url: item.url,
					sentAt,
					queuedBy: item.queuedBy.id,
					body: item.body
				}))
			})
		});
	} catch {
		return { kind: 'whole', answer: { status: 0, body: null, problem: null } };
	}
	if (response.ok) {
		const result = (await response.json().catch(() => null)) as BatchResult | null;
		if (!result || !Array.isArray(result.results)) return { kind: 'unsupported' };
		const answers = new Map<string, Answer>();
		for (const { key, status, body, problem } of result.results) {
			const readable = problem ? forPeople({ ...problem, status }) : null;
			if (!answers.has(key)) answers.set(key, { status, body, problem: readable });
		}
		return { kind: 'results', answers };
	}
	if (WHOLE(response.status)) {
		return {
			kind: 'whole',
			answer: { status: response.status, body: null, problem: await readProblem(response) }
		};
	}
	return { kind: 'unsupported' };
}
