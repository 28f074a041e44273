import { expect, test, type Page } from '@playwright/test';
import { serviceWorkerControls } from './fixtures';

// PCI DSS 8.2.8 on the device (issue 10): a minute before the 15-minute idle lock, a visible,
// announced warning, online and offline; any touch or key dismisses it. The page's clock is
// the test's (page.clock); the server keeps real time, and the shared picker session is
// never let run out (each step slides it first), so no other journey loses it.

/**
 * Opens a page of the app through its own link without touching the screen (a click event
 * alone is no pointer, key or touch input): the page's requests slide the server session,
 * as a screen refreshing itself would, while the device stays idle.
 */
async function openWithoutInput(page: Page, href: string, heading: string | RegExp) {
	await page.locator(`a[href="${href}"]`).first().dispatchEvent('click');
	await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}

test('warns a minute before the device locks, online and offline; a tap or a key dismisses it', async ({
	page,
	context
}) => {
	await page.clock.install();
	await page.goto('/products');
	await expect(page.getByLabel('Find a product')).toBeVisible();
	await serviceWorkerControls(page);
	const warning = page.getByRole('status').filter({ hasText: 'Locking in' });
	const serverWarning = page.getByRole('alertdialog', { name: 'Are you still there?' });

	// Online: the device idle for 14 minutes while the session was kept alive by requests.
	await page.clock.fastForward('07:00');
	await openWithoutInput(page, '/counts', 'Counts');
	await page.clock.fastForward('07:01');
	await expect(warning).toHaveText(/^Locking in [1-6]0 s — tap to stay signed in$/);
	await expect(serverWarning).toBeHidden();
	await page.screenshot({ path: test.info().outputPath('lock-warning-online.png') });
	await warning.getByRole('button').tap();
	await expect(warning).toBeHidden();
	// Dismissed means the idle time starts again: a minute on, no warning and no lock.
	await page.clock.fastForward('01:00');
	await expect(warning).toBeHidden();
	await expect(page.getByRole('heading', { level: 1, name: 'Counts' })).toBeVisible();

	// Offline: the same warning (the server's dialog is not shown offline); a key dismisses it.
	await openWithoutInput(page, '/products', /Products/);
	await context.setOffline(true);
	await page.clock.fastForward('13:30');
	await expect(warning).toHaveText(/^Locking in [1-6]0 s — tap to stay signed in$/);
	await page.keyboard.press('Shift');
	await expect(warning).toBeHidden();
	await expect(page.getByLabel('Find a product')).toBeVisible();
});
