// The server slides a session's idle expiry on each authenticated request, but
// writes the new expiry at most once a minute (worker/core/access/session-policy.ts,
// SESSION_RENEW_AFTER_MS). The page keeps the same rule so its countdown never ends
// later than the server's; the margin covers the request's trip to the server.
const RENEW_AFTER_MS = 60_000;
const TRIP_MARGIN_MS = 5_000;
// Shared with other tabs: they use the same cookie, so a request in one keeps them all.
const STORAGE_KEY = 'ordo.sessionSlidAt';

type Listener = (slidAt: number) => void;
const listeners = new Set<Listener>();
let slidAt = readStored() ?? Date.now();

function readStored(): number | null {
	try {
		const value = Number(localStorage.getItem(STORAGE_KEY));
		return Number.isFinite(value) && value > 0 ? value : null;
	} catch {
		return null;
	}
}

/**
 * Called by the request helper for every answer that reached Ordo with a live
 * session (anything but 401), with the time the request was sent.
 */
export function noteActivity(sentAt: number = Date.now()): void {
	if (sentAt - lastSlide() <= RENEW_AFTER_MS + TRIP_MARGIN_MS) return;
	markSlid(sentAt);
}

/** A new session (sign-in, MFA, password change) starts its idle time afresh. */
export function markSlid(at: number = Date.now()): void {
	slidAt = at;
	try {
		localStorage.setItem(STORAGE_KEY, String(at));
	} catch {
		// Private mode or a full quota: this tab still knows.
	}
	for (const listener of listeners) listener(at);
}

/** When the session's idle time last started, as far as any tab of this app knows. */
export function lastSlide(): number {
	return Math.max(slidAt, readStored() ?? 0);
}

export function onActivity(listener: Listener): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}
