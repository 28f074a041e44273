// What the page and the service worker share about Background Sync.

/** The sync tag the service worker answers by draining the outbox. */
export const SYNC_TAG = 'ordo-outbox';
/** Told on `outboxChannel()` whenever a page or the worker changed the queue. */
export const OUTBOX_CHANGED = 'changed';

export function outboxChannel(): BroadcastChannel | null {
	return typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('ordo-outbox');
}

type SyncRegistration = ServiceWorkerRegistration & {
	sync?: { register(tag: string): Promise<void> };
};

/**
 * Asks the browser to wake the service worker when the connection is back, even if
 * Ordo is closed by then. Chromium has Background Sync; Safari (iOS) has not, and
 * there the page sends on start, on `online` and on "Sync now" (outbox.svelte.ts).
 */
export async function requestBackgroundSync(): Promise<boolean> {
	if (!('serviceWorker' in navigator)) return false;
	try {
		const registration = (await navigator.serviceWorker.getRegistration()) as
			SyncRegistration | undefined;
		if (!registration?.active || !registration.sync) return false;
		await registration.sync.register(SYNC_TAG);
		return true;
	} catch {
		// Refused (permission, private mode): the page's own triggers still send.
		return false;
	}
}
