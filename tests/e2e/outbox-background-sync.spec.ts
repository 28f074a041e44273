import { expect, test } from '@playwright/test';
import { findProduct, serviceWorkerControls } from './fixtures';
import { adjustFound, outboxPill, serverApi, timesApplied, uniqueNote } from './outbox';

// Issue 10: Background Sync alone sends the outbox. The items are queued offline and the app's
// page is closed before the connection comes back, so no page can drain; the browser's `sync`
// event (dispatched here through the DevTools protocol, as Chromium does when the connection
// returns) reaches the service worker, whose drain (web/lib/sync/background-drain.ts) sends
// them, each applied once on the server.
test.describe.configure({ timeout: 120_000 });

test('the service worker drains the outbox on a sync event, with no page open', async ({
	page,
	context
}, testInfo) => {
	const api = await serverApi(testInfo);
	const product = await findProduct(page, 'lantern');
	await page.goto(`/products/${product.id}`);
	await serviceWorkerControls(page);
	const origin = new URL(page.url()).origin;

	await context.setOffline(true);
	const notes = [1, 2, 3].map((n) => uniqueNote(testInfo, n));
	for (const note of notes) await adjustFound(page, note);
	await expect(outboxPill(page)).toHaveText('3 waiting');
	await page.close();

	// A page of no origin, only to speak to the browser: it runs none of Ordo's code.
	const blank = await context.newPage();
	const cdp = await context.newCDPSession(blank);
	const registrations = new Map<string, string>();
	cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations: updated }) => {
		for (const r of updated) {
			if (!r.isDeleted) registrations.set(r.scopeURL, r.registrationId);
		}
	});
	await cdp.send('ServiceWorker.enable');
	await expect.poll(() => registrations.get(`${origin}/`)).toBeTruthy();
	expect(await timesApplied(api, product.id, notes)).toEqual([0, 0, 0]);
	// Chromium may fire the sync itself once the connection is back; either way only the
	// service worker is there to send.
	await context.setOffline(false);

	await cdp.send('ServiceWorker.dispatchSyncEvent', {
		origin,
		registrationId: registrations.get(`${origin}/`)!,
		tag: 'ordo-outbox',
		lastChance: false
	});
	await expect.poll(() => timesApplied(api, product.id, notes)).toEqual([1, 1, 1]);
	// Nothing is left queued: the app opened again shows an empty outbox.
	await blank.goto('/outbox');
	await expect(blank.getByText('Nothing waiting.')).toBeVisible();
	expect(await timesApplied(api, product.id, notes)).toEqual([1, 1, 1]);
	await api.dispose();
});
