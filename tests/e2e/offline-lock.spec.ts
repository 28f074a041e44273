import { expect, test, type Page } from '@playwright/test';
import { SIGNED_OUT } from './auth-state';
import { findProduct, HEART, serviceWorkerControls, submitSignIn } from './fixtures';
import { createStaff } from './staff';

// Issue 10: the 15-minute idle rule offline (PCI DSS 8.2.8) and last-known data.

const STORES = ['verifiers', 'catalogue', 'products', 'lists'] as const;

/** How many rows each of the offline stores holds, or null when the database is gone. */
function offlineStores(page: Page) {
	return page.evaluate(async (stores) => {
		const names = (await indexedDB.databases()).map((d) => d.name);
		// Opening a database that is not there would create it: ask first.
		if (!names.includes('ordo-offline')) return null;
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const open = indexedDB.open('ordo-offline');
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const tx = db.transaction([...stores]);
		const counts = await Promise.all(
			stores.map(
				(store) =>
					new Promise<[string, number]>((resolve) => {
						const count = tx.objectStore(store).count();
						count.onsuccess = () => resolve([store, count.result]);
					})
			)
		);
		db.close();
		return Object.fromEntries(counts) as Record<(typeof stores)[number], number>;
	}, STORES);
}

/** Every cached response whose address is an API one (the app shell is no such). */
const cachedApiResponses = (page: Page) =>
	page.evaluate(async () => {
		const urls: string[] = [];
		for (const name of await caches.keys()) {
			for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
		}
		return urls.filter((url) => new URL(url).pathname.startsWith('/api/'));
	});

test.describe('offline lock and last-known data', () => {
	test.use({ storageState: SIGNED_OUT });

	test('shows last-known stock offline, locks after 15 idle minutes, unlocks on the device, and forgets it all at sign-out', async ({
		page,
		context,
		browser
	}, testInfo) => {
		// A whole shift in one journey: a new person, a snapshot, two sign-ins, a lock.
		test.setTimeout(120_000);
		const person = await createStaff(browser, testInfo, 'warehouse');
		await page.clock.install();
		await page.goto('/sign-in');
		await submitSignIn(page, person.email, person.password);
		await expect(page).toHaveURL('/products');

		// Online: a product opened once, and another only in the catalogue snapshot.
		const heart = await findProduct(page, HEART.sku);
		const other = await findProduct(page, 'lantern');
		await page.goto(`/products/${heart.id}`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEART.name);
		await serviceWorkerControls(page);
		await expect
			.poll(async () => (await offlineStores(page))?.catalogue ?? 0, { timeout: 20_000 })
			.toBeGreaterThan(100);
		await expect.poll(async () => (await offlineStores(page))?.verifiers).toBe(1);
		await expect.poll(async () => (await offlineStores(page))?.products).toBe(1);

		// Figures for the note, not assertions: the unlock's cost here, the snapshot's size.
		const figures = await page.evaluate(async () => {
			const key = await crypto.subtle.importKey(
				'raw',
				new TextEncoder().encode('quiet harbour ledger 2026'),
				'PBKDF2',
				false,
				['deriveBits']
			);
			const salt = crypto.getRandomValues(new Uint8Array(16));
			const started = performance.now();
			await crypto.subtle.deriveBits(
				{ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 310_000 },
				key,
				256
			);
			const pbkdf2Ms = Math.round(performance.now() - started);
			const { usage } = await navigator.storage.estimate();
			// The catalogue store's rows as JSON: about what the snapshot weighs.
			const catalogueBytes = await new Promise<number>((resolve) => {
				const open = indexedDB.open('ordo-offline');
				open.onsuccess = () => {
					const all = open.result.transaction('catalogue').objectStore('catalogue').getAll();
					all.onsuccess = () => {
						open.result.close();
						resolve(JSON.stringify(all.result).length);
					};
				};
			});
			return { pbkdf2Ms, usage, catalogueBytes };
		});
		const stores = await offlineStores(page);
		testInfo.annotations.push({
			type: 'figures',
			description: `PBKDF2 310k: ${figures.pbkdf2Ms} ms; catalogue ${stores?.catalogue} products, ${figures.catalogueBytes} bytes as JSON; storage ${figures.usage} bytes`
		});

		// Offline: the product seen before, with its last-known stock and when.
		await context.setOffline(true);
		await page.reload();
		const asOf = page.getByRole('status').filter({ hasText: 'Last known stock' });
		await expect(asOf).toHaveText(/^Last known stock, as of \d\d:\d\d — offline$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEART.name);
		await expect(page.getByRole('table', { name: 'Stock per location' })).toBeVisible();
		await page.screenshot({ path: testInfo.outputPath('offline-product.png') });
		// One never opened here comes from the catalogue snapshot, its location's stock only.
		await page.goto(`/products/${other.id}`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(other.name);
		await expect(asOf).toBeVisible();
		await expect(page.locator('tbody tr')).toHaveCount(1);
		// The pick list at their location, as last read.
		await page.goto('/pick');
		await expect(page.getByRole('status').filter({ hasText: 'Last known pick list' })).toHaveText(
			/^Last known pick list, as of \d\d:\d\d — offline$/
		);
		await page.goto(`/products/${other.id}`);

		// 15 minutes without a touch: locked, covering the app.
		const lock = page.getByRole('dialog', { name: 'Ordo is locked' });
		await page.clock.fastForward('14:00');
		await expect(lock).toBeHidden();
		await page.clock.fastForward('01:01');
		await expect(lock).toBeVisible();
		await expect(lock).toContainText(person.email);
		expect(
			await page.evaluate(() => document.querySelector('dialog:modal')?.textContent)
		).toContain('Ordo is locked');
		await page.screenshot({ path: testInfo.outputPath('offline-lock.png') });

		// A reload does not escape it.
		await page.reload();
		await expect(lock).toBeVisible();

		// A wrong password is refused on the device; the right one opens the same page.
		await lock.getByLabel('Password').fill('not the password at all');
		await lock.getByRole('button', { name: 'Unlock' }).click();
		await expect(lock.getByRole('alert')).toContainText('That is not your password');
		await expect(lock.getByRole('alert')).toContainText('4 more tries');
		await page.screenshot({ path: testInfo.outputPath('offline-lock-wrong.png') });
		await lock.getByLabel('Password').fill(person.password);
		await lock.getByRole('button', { name: 'Unlock' }).click();
		await expect(lock).toBeHidden();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(other.name);

		// Back online, the server session has ended: a real sign-in, as the same person.
		await context.setOffline(false);
		const signedOut = page.getByRole('dialog', { name: 'You have been signed out' });
		await expect(signedOut).toBeVisible();
		await expect(signedOut).toContainText(person.email);
		await expect.poll(async () => (await page.request.get('/api/auth/me')).status()).toBe(401);
		await signedOut.getByLabel('Password').fill(person.password);
		await signedOut.getByRole('button', { name: 'Sign in' }).click();
		await expect(signedOut).toBeHidden();
		expect((await page.request.get('/api/auth/me')).status()).toBe(200);

		// Storage on the account page.
		await page.goto('/account');
		const device = page.getByRole('region', { name: 'On this device' });
		await expect(device).toContainText(/Storage used\s*[\d.,]+ MB of/);
		await expect(device).toContainText(/products at MAIN/);

		// Sign-out deletes the verifier and every last-known copy; no API answer is cached.
		await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
		await expect(page).toHaveURL('/sign-in');
		await expect.poll(() => offlineStores(page)).toBeNull();
		expect(await cachedApiResponses(page)).toEqual([]);
		expect(await page.evaluate(() => localStorage.getItem('ordo.device.locked'))).toBeNull();
	});
});
