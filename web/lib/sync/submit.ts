import { noteActivity } from '$lib/auth/activity';
import { readProblem, unreachable, type Problem } from '$lib/problem';

// The one seam every warehouse screen sends its work through (contracts.md): counts,
// adjustments, picks, receipts. This is the first, online-only version; the offline outbox
// replaces the body of submitWork() with IndexedDB storage and replay, keeping these
// exports and the headers it sends.

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

/**
 * Sends one piece of work with a fresh Idempotency-Key (the server applies it once however
 * often it arrives) and `Ordo-Sent-At`, the device's clock when sending, from which the
 * server corrects the device times in the body (worker/core/device-time.ts).
 */
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
		return { state: 'refused', problem: unreachable(navigator.onLine) };
	}
	if (response.status !== 401) noteActivity(sentAt);
	if (!response.ok) return { state: 'refused', problem: await readProblem(response) };
	return { state: 'applied', status: response.status, body: await response.json() };
}
