import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { ADMIN_STATE } from './staff';

// The order history import on a tablet: pick a Shopify export, read the preview, import it
// whole; a file with a bad line names it and imports nothing.

const fixture = readFileSync('tests/fixtures/shopify-orders.csv', 'utf8');
const file = (csv: string) => ({
	name: 'orders_export.csv',
	mimeType: 'text/csv',
	buffer: Buffer.from(csv)
});

test.describe('order history import', () => {
	test.use({ storageState: ADMIN_STATE });

	test('previews a Shopify export, then imports it whole', async ({ page }, testInfo) => {
		// Each run its own order names, so a retry is not "already imported".
		const unique = `${testInfo.project.name}-${testInfo.retry}-${Date.now().toString(36)}`;
		const csv = fixture.replaceAll('#100', `#${unique}-100`);
		await page.goto('/orders');
		await page.getByRole('link', { name: 'Import history' }).click();
		await expect(page.getByRole('heading', { name: 'Import order history' })).toBeVisible();
		await page.getByLabel('File (.csv or .csv.gz)').setInputFiles(file(csv));
		await expect(page.getByTestId('import-summary')).toContainText(
			'Shopify orders export: 4 orders (7 lines)'
		);
		await expect(page.getByRole('cell', { name: `#${unique}-1001` })).toBeVisible();
		await page.screenshot({ path: testInfo.outputPath('1-preview.png'), fullPage: true });
		await page.getByRole('button', { name: 'Import 4 orders' }).click();
		await expect(page.getByTestId('import-done')).toContainText('Imported 4 orders (7 lines)');
		await page.screenshot({ path: testInfo.outputPath('2-imported.png'), fullPage: true });
	});

	test('names the line to fix and imports nothing', async ({ page }, testInfo) => {
		const bad = fixture.replace('Stoneware Mug - Blue,12.00', 'Stoneware Mug - Blue,12.x0');
		await page.goto('/orders/import');
		await page.getByLabel('File (.csv or .csv.gz)').setInputFiles(file(bad));
		const toFix = page.getByRole('list', { name: 'Lines to fix' });
		await expect(toFix).toContainText('line 2');
		await expect(page.getByRole('alert')).toContainText('nothing was imported');
		await expect(page.getByRole('button', { name: /^Import \d+ orders$/ })).toHaveCount(0);
		await page.screenshot({ path: testInfo.outputPath('3-errors.png'), fullPage: true });
	});
});
