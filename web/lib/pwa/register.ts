import { Workbox } from 'workbox-window';
import type { AppUpdate } from './update.svelte';

// A warehouse phone keeps Ordo open all shift; without a periodic check a new
// version would only be noticed on the next cold start.
const UPDATE_CHECK_MS = 60 * 60_000;

/**
 * Registers web/service-worker.ts (svelte.config.js turns SvelteKit's own
 * registration off) and announces a waiting version through `update`.
 * Not in `vite dev`: a worker there would precache modules that change on every save.
 */
export function registerServiceWorker({ update }: { update: AppUpdate }): () => void {
	if (!('serviceWorker' in navigator)) return () => {};
	const workbox = new Workbox('/service-worker.js');
	workbox.addEventListener('waiting', () => {
		update.offer({
			skipWaiting: () => workbox.messageSkipWaiting(),
			onControlling: (callback) => workbox.addEventListener('controlling', callback)
		});
	});
	void workbox.register();

	const check = () => {
		if (document.visibilityState === 'visible' && navigator.onLine) void workbox.update();
	};
	const timer = setInterval(check, UPDATE_CHECK_MS);
	document.addEventListener('visibilitychange', check);
	return () => {
		clearInterval(timer);
		document.removeEventListener('visibilitychange', check);
	};
}
