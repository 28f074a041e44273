import { expect, test } from '@playwright/test';
import { ADMIN_STATE } from './staff';

// A manager's reorder journey on a tablet: the low-stock list the triggers filled while the
// demo shop was seeded, a suggested point with its reasoning, then the reorder screen.
test.describe('low stock and reordering', () => {
	test.use({ storageState: ADMIN_STATE });

	test('sees open alerts, a suggestion in words, and what to reorder', async ({
		page
	}, testInfo) => {
		await page.goto('/low-stock');
		await expect(page.getByRole('heading', { name: /Low stock/, level: 1 })).toBeVisible();
		const suggest = page.getByRole('button', { name: 'Suggest' }).first();
		await expect(suggest).toBeVisible();
		await suggest.click();
		await expect(page.getByText(/in the last 28 days/).first()).toBeVisible();
		await page.screenshot({ path: testInfo.outputPath('1-low-stock.png'), fullPage: false });
		await page.goto('/reorder');
		await expect(page.getByRole('heading', { name: 'Reorder', level: 1 })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'No supplier set up' })).toBeVisible();
		await page.screenshot({ path: testInfo.outputPath('2-reorder.png'), fullPage: false });
	});
});
