import { noteActivity } from '$lib/auth/activity';
import { readProblem, unreachable, type Problem } from '$lib/problem';

// The one seam every warehouse screen that changes data goes through (contracts.md,
// "Work submission seam"). This first body is online only: it sends at once with a new
// Idempotency-Key. The outbox replaces the body (IndexedDB, replay on reconnect) and
// keeps these exports, so the screens do not change.

export type WorkKind =
	'count' | 'adjustment' | 'pick' | 'po-receipt' | 'transfer-receipt' | 'return-receipt';

export type Work = {
	kind: WorkKind;
	/** API path, e.g. `/api/counts/tasks/${id}/lines` */
	url: string;
	method?: 'POST' | 'PUT';
	body: Record<string, unknown>;
	/** One line a worker reads in the outbox list: "Count A-01: 12 × Heart mug" */
	label: string;
};

export type WorkResult =
	| { state: 'applied'; status: number; body: unknown }
	| { state: 'queued'; key: string }
	| { state: 'refused'; problem: Problem };

export async function submitWork(work: Work): Promise<WorkResult> {
	const key = crypto.randomUUID();
	const sentAt = Date.now();
	let response: Response;
	try {
		response = await fetch(work.url, {
			method: work.method ?? 'POST',
			headers: {
				'content-type': 'application/json',
				'idempotency-key': key,
				// The server corrects the body's device times by how far this clock is off.
				'ordo-sent-at': new Date(sentAt).toISOString()
			},
			body: JSON.stringify(work.body)
		});
	} catch {
		return { state: 'refused', problem: unreachable(navigator.onLine) };
	}
	if (response.status !== 401) noteActivity(sentAt);
	if (!response.ok) return { state: 'refused', problem: await readProblem(response) };
	return { state: 'applied', status: response.status, body: await response.json() };
}
