import type { StoredResponse } from './access/authenticate';
import type { Actor } from './context';

/**
 * Requests the API makes to itself (the outbox batch, features/sync): each item is handed to
 * its own route in-process. Kept by identity, never by a header a client could send. Work that
 * belongs to the whole request, not to each item, is done once by the outer request: sealing
 * the audit log after the response, and reading who is calling (with the stored answers of
 * the items' Idempotency-Keys, read for the whole batch in one query).
 */
export type InnerAccess = {
	/** The batch's caller, as permit() authenticated it from the same credentials. */
	actor: Actor;
	scope: string;
	/** The stored answer for this item's Idempotency-Key, read before the batch began. */
	stored: StoredResponse | null;
};

const inner = new WeakMap<Request, InnerAccess | null>();

export function markInner(request: Request, access: InnerAccess | null = null): Request {
	inner.set(request, access);
	return request;
}

export function isInner(request: Request): boolean {
	return inner.has(request);
}

/** What the outer request already knows of the caller, for permit() to skip its lookup. */
export function innerAccess(request: Request): InnerAccess | null {
	return inner.get(request) ?? null;
}
