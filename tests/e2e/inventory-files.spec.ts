import { expect, test } from '@playwright/test';
import { ADMIN_STATE } from './staff';

// Product and stock files on a tablet (issue 8): a products file previewed, then imported
// whole; a stock file with a line to fix names it and imports nothing.

const file = (name: string, csv: string) => ({
	name,
	mimeType: 'text/csv',
	buffer: Buffer.from(csv)
});

test.describe('product and stock files', () => {
	test.use({ storageState: ADMIN_STATE });

	test('previews a products file, then imports it whole', async ({ page }, testInfo) => {
		const sku =
			`E2E-${testInfo.project.name}-${testInfo.retry}-${Date.now().toString(36)}`.toUpperCase();
		await page.goto('/products');
		await page.getByRole('link', { name: 'Import / export CSV' }).click();
		await expect(page.getByRole('heading', { name: 'Product and stock files' })).toBeVisible();
		await page
			.getByLabel('File (.csv or .csv.gz)')
			.setInputFiles(file('products.csv', `sku,name,price\n${sku},Zinc garden lantern,12.50\n`));
		await expect(page.getByTestId('import-summary')).toContainText('1 new and 0 updated products');
		await expect(page.getByRole('cell', { name: sku })).toBeVisible();
		await page.screenshot({ path: testInfo.outputPath('1-preview.png'), fullPage: true });
		await page.getByRole('button', { name: 'Import 1 row', exact: true }).click();
		await expect(page.getByTestId('import-done')).toContainText('1 new and 0 updated products');
		await page.screenshot({ path: testInfo.outputPath('2-imported.png'), fullPage: true });
	});

	test('names the stock line to fix and imports nothing', async ({ page }, testInfo) => {
		await page.goto('/products/files');
		await page.getByRole('radio', { name: 'Stock levels' }).check();
		await page
			.getByLabel('File (.csv or .csv.gz)')
			.setInputFiles(file('stock.csv', 'sku,location,on_hand\n85123A,NOWHERE,3\n'));
		const toFix = page.getByRole('list', { name: 'Lines to fix' });
		await expect(toFix).toContainText('line 2');
		await expect(toFix).toContainText('no location has the code NOWHERE');
		await expect(page.getByRole('button', { name: /^Import \d+ rows?$/ })).toHaveCount(0);
		await page.screenshot({ path: testInfo.outputPath('3-errors.png'), fullPage: true });
	});
});
