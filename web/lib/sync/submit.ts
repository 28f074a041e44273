import { outbox, type WorkResult } from './outbox.svelte';
import type { Work } from './outbox-item';

export type { Work, WorkKind } from './outbox-item';
export type { WorkResult } from './outbox.svelte';

/**
 * The one way a warehouse screen changes data (count lines, adjustments, picks,
 * receipts). The work is stored in the IndexedDB outbox first, with its Idempotency-Key,
 * device time and the person doing it, then sent at once when there is a connection:
 * `applied` with the server's answer, `refused` with the server's reason, or `queued`
 * (no connection, signed out, the server busy) — it then goes by itself later, once.
 */
export function submitWork(work: Work): Promise<WorkResult> {
	return outbox.submit(work);
}
