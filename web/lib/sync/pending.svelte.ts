/**
 * How many offline changes are waiting to reach the server. The outbox (DESIGN §4:
 * scans stored in IndexedDB, replayed on reconnect) is not built yet; when it is,
 * it sets `count` and the app bar already shows "N waiting". Kept separate from the
 * outbox itself so the app bar does not load IndexedDB code to show a number.
 */
export class PendingChanges {
	count = $state(0);
}

export const pending = new PendingChanges();
