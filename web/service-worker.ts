/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, prerendered, version } from '$service-worker';
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { shellFor } from '$lib/pwa/shell';
import { drainInBackground } from '$lib/sync/background-drain';
import { SYNC_TAG } from '$lib/sync/background-sync';

declare const self: ServiceWorkerGlobalScope;

// build/ files carry a content hash in their name; static files and the shells
// are revised by the app version, so a deploy replaces exactly what changed.
precacheAndRoute([
	...build.map((url) => ({ url, revision: null })),
	// The manifest's screenshots are for install sheets, not for working offline.
	...files
		.filter((url) => !url.startsWith('/screenshots/'))
		.map((url) => ({ url, revision: version })),
	...prerendered.map((url) => ({ url, revision: version }))
]);
cleanupOutdatedCaches();

// Every page is rendered in the browser (web/routes/+layout.ts), so a prerendered
// shell (web/routes/shell) opens any of them: navigations get it from the cache at
// once, network or not. The page then loads its data from /api, which is never
// cached here: stock and sessions must be live.
registerRoute(
	new NavigationRoute(
		async ({ request, url }) => {
			const shell = shellFor(url.pathname);
			return (shell && (await matchPrecache(shell))) || fetch(request);
		},
		{ denylist: [/^\/api(\/|$)/] }
	)
);

// The page decides when a new version takes over (web/lib/pwa/update.svelte.ts).
self.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// Background Sync (Chromium): the browser wakes this worker when the connection is
// back, even with Ordo closed, and it sends the outbox from the same IndexedDB the
// page writes. A new version of this file reads that database as it is: updates never
// touch it (web/lib/sync/outbox-store.ts).
self.addEventListener('sync', (event) => {
	const sync = event as ExtendableEvent & { tag?: string };
	if (sync.tag === SYNC_TAG) sync.waitUntil(drainInBackground());
});

// The first install controls the open page at once, so the lazily loaded route
// code is served from the cache if the network drops before the next reload.
clientsClaim();
