import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { DEPLOY_COOKIE } from '../support/deploy-proxy';
import { SIGNED_OUT } from './auth-state';
import { findProduct, serviceWorkerControls, submitSignIn } from './fixtures';
import {
	adjustFound,
	outboxPill,
	serverApi,
	timesApplied,
	uniqueNote,
	withoutBackgroundSync
} from './outbox';
import { createStaff, type Staff } from './staff';

// The offline outbox (issue 10) at phone size, against the real IndexedDB of Chromium.
// Each journey adjusts its own product with notes no other journey writes, then asks the
// SERVER how often each was applied: exactly once.
// Several adjustments, a reload and a reconnection each: more than the default 30 s on a busy CI.
test.describe.configure({ timeout: 120_000 });

async function openProduct(page: Page, q: string) {
	const product = await findProduct(page, q);
	await page.goto(`/products/${product.id}`);
	await serviceWorkerControls(page);
	return product;
}

test('adjustments made offline wait, survive a reload, and apply once back online', async ({
	page,
	context
}, testInfo) => {
	const api = await serverApi(testInfo);
	const product = await openProduct(page, 'lantern');
	await context.setOffline(true);
	const notes = [1, 2, 3].map((n) => uniqueNote(testInfo, n));
	for (const [i, note] of notes.entries()) {
		await adjustFound(page, note);
		await expect(outboxPill(page)).toHaveText(`${i + 1} waiting`);
	}

	// The page is gone and back with no network: the queue is in IndexedDB, not in memory.
	await page.reload();
	await expect(outboxPill(page)).toHaveText('3 waiting');
	await outboxPill(page).click();
	await expect(page.getByRole('heading', { name: 'Outbox' })).toBeVisible();
	await expect(page.getByTestId('outbox-item')).toHaveCount(3);
	await expect(page.getByText('You are offline: they go by themselves')).toBeVisible();
	expect(await timesApplied(api, product.id, notes)).toEqual([0, 0, 0]);

	await context.setOffline(false);
	await expect(page.getByText('Nothing waiting.')).toBeVisible();
	await expect(outboxPill(page)).toBeHidden();
	expect(await timesApplied(api, product.id, notes)).toEqual([1, 1, 1]);
	await api.dispose();
});

test.describe('without Background Sync (iOS)', () => {
	test.beforeEach(({ context }) => withoutBackgroundSync(context));

	test('the page killed mid-sync: reopened, each item is applied exactly once', async ({
		page,
		context
	}, testInfo) => {
		const api = await serverApi(testInfo);
		const product = await openProduct(page, 'doormat');
		await context.setOffline(true);
		const notes = [1, 2, 3, 4, 5].map((n) => uniqueNote(testInfo, n));
		for (const note of notes) await adjustFound(page, note);
		await expect(outboxPill(page)).toHaveText('5 waiting');

		// The five go in one batch (POST /api/sync/batch). It reaches Ordo with only its first
		// three items, which are applied there, and the page dies before the answer comes
		// back: all five are left `sending` in IndexedDB. (Chromium lets go of the held
		// request when its page closes, so the whole batch may also reach Ordo then, and be
		// cut off part way when the connection drops: a phone dying mid-send does the same.)
		let thirdApplied!: () => void;
		const third = new Promise<void>((resolve) => (thirdApplied = resolve));
		let batched = 0;
		await context.route('**/api/sync/batch', async (route) => {
			const batch = route.request().postDataJSON() as { items: unknown[] };
			batched = batch.items.length;
			const cut = JSON.stringify({ items: batch.items.slice(0, 3) });
			const response = await route.fetch({ postData: cut });
			thirdApplied();
			await new Promise((resolve) => setTimeout(resolve, 5_000));
			await route.fulfill({ response }).catch(() => {});
		});
		await context.setOffline(false);
		await third;
		expect(batched).toBe(5);
		await page.close();
		await context.unrouteAll({ behavior: 'ignoreErrors' });
		// Never twice, whatever reached Ordo: the first three once, the last two at most once.
		const afterKill = await timesApplied(api, product.id, notes);
		expect(afterKill.slice(0, 3)).toEqual([1, 1, 1]);
		expect(afterKill.every((times) => times <= 1)).toBe(true);

		const reopened = await context.newPage();
		await reopened.goto('/outbox');
		await expect(reopened.getByText('Nothing waiting.')).toBeVisible();
		await expect.poll(() => timesApplied(api, product.id, notes)).toEqual([1, 1, 1, 1, 1]);
		await api.dispose();
	});

	test('an update waits for the person; queued items survive the new version', async ({
		page,
		context
	}, testInfo) => {
		const api = await serverApi(testInfo);
		const product = await openProduct(page, 'mug');
		// Online, but the adjustments cannot get through: they wait in the outbox.
		await context.route(/\/api\/(inventory\/adjustments|sync\/batch)$/, (route) =>
			route.abort('internetdisconnected')
		);
		const notes = [1, 2].map((n) => uniqueNote(testInfo, n));
		for (const note of notes) await adjustFound(page, note);
		await expect(outboxPill(page)).toHaveText('2 waiting');

		await deployNewVersion(context, page);
		const prompt = page.getByRole('status').filter({ hasText: 'Update available' });
		await expect(prompt).toBeVisible();
		await Promise.all([
			page.waitForEvent('load'),
			prompt.getByRole('button', { name: 'Reload' }).click()
		]);
		const workers = await page.evaluate(async () => {
			const registration = await navigator.serviceWorker.getRegistration();
			return { waiting: registration?.waiting?.state, active: registration?.active?.state };
		});
		expect(workers).toEqual({ waiting: undefined, active: 'activated' });
		// The new version reads the same IndexedDB: nothing queued was lost.
		await expect(outboxPill(page)).toHaveText('2 waiting');

		await context.unrouteAll({ behavior: 'ignoreErrors' });
		await page.goto('/outbox');
		await page.getByRole('button', { name: 'Sync now' }).click();
		await expect(page.getByText('Nothing waiting.')).toBeVisible();
		expect(await timesApplied(api, product.id, notes)).toEqual([1, 1]);
		await api.dispose();
	});
});

test.describe('a session that ended while offline', () => {
	test.use({ storageState: SIGNED_OUT });

	async function signInAs(page: Page, staff: Staff): Promise<void> {
		await page.goto('/sign-in');
		await submitSignIn(page, staff.email, staff.password);
		await expect(page.getByRole('banner')).toContainText(staff.name.split(' ')[0]!);
	}

	test('waits for the same person; another person signed in never sends it', async ({
		page,
		context,
		browser
	}, testInfo) => {
		const tomasz = await createStaff(browser, testInfo, 'warehouse', 'Tomasz Brennan');
		const dana = await createStaff(browser, testInfo, 'warehouse', 'Dana Whitfield');
		const api = await serverApi(testInfo);
		await withoutBackgroundSync(context);
		await signInAs(page, tomasz);
		const product = await openProduct(page, 'candle');
		await context.setOffline(true);
		const notes = [1, 2].map((n) => uniqueNote(testInfo, n));
		for (const note of notes) await adjustFound(page, note);

		// The session ends while the phone is offline (here: its cookie is gone).
		await context.clearCookies();
		await context.setOffline(false);
		await outboxPill(page).click();
		await expect(page.getByText('Waiting for Tomasz Brennan to sign in').first()).toBeVisible();
		expect(await timesApplied(api, product.id, notes)).toEqual([0, 0]);

		// Someone else signs in on the phone: the work is shown as Tomasz's, and waits.
		await signInAs(page, dana);
		await expect(outboxPill(page)).toHaveText('2 not yours');
		await page.goto('/outbox');
		await expect(page.getByRole('heading', { name: 'Queued by Tomasz Brennan' })).toBeVisible();
		await page.getByRole('button', { name: 'Sync now' }).click();
		await expect(page.getByRole('button', { name: 'Sync now' })).toBeEnabled();
		expect(await timesApplied(api, product.id, notes)).toEqual([0, 0]);
		await page.getByRole('button', { name: 'Sign out' }).click();

		// Tomasz again: his own session sends it, once.
		await signInAs(page, tomasz);
		await page.goto('/outbox');
		await expect(page.getByText('Nothing waiting.')).toBeVisible();
		await expect(page.getByRole('heading', { name: /Queued by/ })).toHaveCount(0);
		expect(await timesApplied(api, product.id, notes)).toEqual([1, 1]);
		await api.dispose();
	});
});

/** What a deploy does to an installed app: the service worker script changes. */
async function deployNewVersion(context: BrowserContext, page: Page): Promise<void> {
	await context.addCookies([{ name: DEPLOY_COOKIE, value: '2', url: new URL(page.url()).origin }]);
	await page.evaluate(async () => {
		const registration = await navigator.serviceWorker.getRegistration();
		await registration?.update();
	});
}
