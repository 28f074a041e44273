import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { DEPLOY_COOKIE } from '../support/deploy-proxy';
import { serviceWorkerControls } from './fixtures';

/** What a deploy does to an installed app: the service worker script changes. */
async function deployNewVersion(context: BrowserContext, page: Page): Promise<void> {
	await context.addCookies([{ name: DEPLOY_COOKIE, value: '2', url: new URL(page.url()).origin }]);
	await page.evaluate(async () => {
		const registration = await navigator.serviceWorker.getRegistration();
		await registration?.update();
	});
}

async function waitingWorkerState(page: Page): Promise<string | undefined> {
	return page.evaluate(
		async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state
	);
}

test.describe('update', () => {
	test('a new version waits until the person chooses Reload', async ({ page, context }) => {
		await page.goto('/products');
		await serviceWorkerControls(page);
		await page.getByLabel('Find a product').fill('heart');
		await deployNewVersion(context, page);

		const prompt = page.getByRole('status').filter({ hasText: 'Update available' });
		await expect(prompt).toBeVisible();
		// Nothing is taken from under the person: the page and what they typed stay.
		await expect(page.getByLabel('Find a product')).toHaveValue('heart');
		expect(await waitingWorkerState(page)).toBe('installed');

		await Promise.all([
			page.waitForEvent('load'),
			prompt.getByRole('button', { name: 'Reload' }).click()
		]);
		await expect(page.getByLabel('Find a product')).toBeVisible();
		await expect(prompt).toBeHidden();
		expect(await waitingWorkerState(page)).toBeUndefined();
		const active = await page.evaluate(
			async () => (await navigator.serviceWorker.getRegistration())?.active?.state
		);
		expect(active).toBe('activated');
	});

	test('Later hides the prompt and keeps the running version', async ({ page, context }) => {
		await page.goto('/products');
		await serviceWorkerControls(page);
		await deployNewVersion(context, page);

		const prompt = page.getByRole('status').filter({ hasText: 'Update available' });
		await prompt.getByRole('button', { name: 'Later' }).click();
		await expect(prompt).toBeHidden();
		expect(await waitingWorkerState(page)).toBe('installed');
	});
});
