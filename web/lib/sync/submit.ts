import { noteActivity } from '$lib/auth/activity';
import { ApiProblem, readProblem, unreachable, type Problem } from '$lib/problem';

// The work submission seam (docs/architecture.md; /work contract "submitWork"): every
// warehouse screen that changes data sends through submitWork, never fetch directly.
// This is the online-only first version: one POST/PUT with a fresh Idempotency-Key and
// the device's clock in `Ordo-Sent-At`. The outbox replaces the body (IndexedDB queue,
// replay on reconnect) and keeps these exports and headers.

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
				'ordo-sent-at': new Date(sentAt).toISOString()
			},
			body: JSON.stringify(work.body)
		});
	} catch {
		// No outbox yet: nothing is queued, so say so rather than pretend.
		return { state: 'refused', problem: unreachable(navigator.onLine) };
	}
	if (response.status !== 401) noteActivity(sentAt);
	if (!response.ok) return { state: 'refused', problem: await readProblem(response) };
	return { state: 'applied', status: response.status, body: await response.json() };
}

/** For callers that prefer throwing: the refused problem as an ApiProblem. */
export function appliedOrThrow(result: WorkResult): unknown {
	if (result.state === 'refused') throw new ApiProblem(result.problem);
	return result.state === 'applied' ? result.body : null;
}
