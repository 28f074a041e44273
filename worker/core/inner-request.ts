/**
 * Requests the API makes to itself (the outbox batch, features/sync): each item is handed to
 * its own route in-process. Kept by identity, never by a header a client could send. Work that
 * belongs to the whole request, not to each item (sealing the audit log after the response),
 * is done once by the outer request.
 */
const inner = new WeakSet<Request>();

export function markInner(request: Request): Request {
	inner.add(request);
	return request;
}

export function isInner(request: Request): boolean {
	return inner.has(request);
}
