import { readProblem } from '../problem';
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
