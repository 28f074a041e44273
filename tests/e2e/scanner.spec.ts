import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { findProduct, HEART } from './fixtures';
import { RECEIVING_JOURNEY } from '../support/receiving-factory';
import { scanKeys as scan } from './scanner-keys';

// The scanner loop as a picker runs it at 360×740 (issue 10): a hardware scanner in
// keyboard mode types a code as fast keystrokes ending in Enter, with no field focused.
const PHOTOS = new URL('../fixtures/barcodes/', import.meta.url);
const EXPECTED = JSON.parse(readFileSync(new URL('expected.json', PHOTOS), 'utf8')) as Record<
	string,
	string
>;

const status = (page: Page) => page.getByTestId('scan-status');

test.describe('scanner loop', () => {
	test('a scan right after a cold start opens the product, without a click', async ({ page }) => {
		const heart = await findProduct(page, HEART.sku);
		await page.goto('/products');
		await page.reload();
		await scan(page, heart.barcode!);
		await expect(page).toHaveURL(new RegExp(`/products/${heart.id}$`));
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEART.name);
		await expect(status(page)).toContainText(heart.barcode!);
		await expect(status(page)).toContainText(/Opened White Hanging Heart/i);
	});

	test('scan, back, scan: the next scan opens the next product, not old + new', async ({
		page
	}) => {
		const heart = await findProduct(page, HEART.sku);
		const bingo = await findProduct(page, '21888');
		await page.goto('/products');
		await expect(page.getByLabel('Find a product')).toBeVisible();
		await scan(page, heart.barcode!);
		await expect(page).toHaveURL(new RegExp(`/products/${heart.id}$`));
		await page.getByRole('main').getByRole('link', { name: 'Products' }).click();
		await expect(page.getByLabel('Find a product')).toHaveValue(heart.barcode!);
		await scan(page, bingo.barcode!);
		await expect(page).toHaveURL(new RegExp(`/products/${bingo.id}$`));
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Bingo Set');
		await page.goBack();
		await expect(page.getByLabel('Find a product')).toHaveValue(bingo.barcode!);
	});

	test('on a product page a scan opens the scanned product, or says it is the same', async ({
		page
	}) => {
		const heart = await findProduct(page, HEART.sku);
		const bingo = await findProduct(page, '21888');
		await page.goto(`/products/${heart.id}`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEART.name);
		await scan(page, heart.barcode!);
		await expect(status(page)).toContainText(/Same product: White Hanging Heart/i);
		await expect(page).toHaveURL(new RegExp(`/products/${heart.id}$`));
		await scan(page, bingo.barcode!);
		await expect(page).toHaveURL(new RegExp(`/products/${bingo.id}$`));
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Bingo Set');
	});

	test('a return label scanned on any screen opens receiving for that return', async ({ page }) => {
		const expected = await page.request.get('/api/returns/receiving/expected');
		expect(expected.ok()).toBe(true);
		const { items } = (await expected.json()) as {
			items: { number: string; lines: { name: string }[] }[];
		};
		const ret = items.find((r) => r.lines.some((l) => l.name === RECEIVING_JOURNEY.towel.name));
		expect(ret, 'the receiving journey return is on its way in').toBeTruthy();
		await page.goto('/products');
		await expect(page.getByLabel('Find a product')).toBeVisible();
		await scan(page, ret!.number);
		await expect(page).toHaveURL(/\/returns\/receive\?code=/);
		await expect(page.getByTestId('receive-outcome')).toHaveText(`${ret!.number}: scan each item`);
		await expect(status(page)).toContainText(`Return ${ret!.number} found`);
	});

	test('an unknown code says so and opens nothing', async ({ page }) => {
		await page.goto('/products');
		await expect(page.getByLabel('Find a product')).toBeVisible();
		await scan(page, '4006381333931');
		await expect(status(page)).toContainText(
			'Unknown code 4006381333931: no product, order, return or bin has it'
		);
		await expect(page).toHaveURL(/\/products(\?.*)?$/);
	});

	test('slow typing in a field stays typing, not a scan', async ({ page }) => {
		await page.goto('/products');
		const box = page.getByLabel('Find a product');
		await box.click();
		await page.keyboard.type('lantern', { delay: 120 });
		await expect(box).toHaveValue('lantern');
		await expect(page).toHaveURL(/\/products(\?.*)?$/);
		await expect(status(page)).toBeEmpty();
	});

	test('/scan shows a product with stock and bin per location, in place', async ({ page }) => {
		const heart = await findProduct(page, HEART.sku);
		await page.goto('/scan');
		await expect(page.getByRole('heading', { name: 'Scan', level: 1 })).toBeVisible();
		await scan(page, heart.barcode!);
		const result = page.getByTestId('scan-result');
		await expect(result.getByRole('heading', { level: 2 })).toHaveText(HEART.name);
		const table = result.getByRole('table', { name: 'Stock per location' });
		await expect(table.getByRole('row', { name: /MAIN/ })).toBeVisible();
		await expect(table.getByRole('row', { name: /SHOP/ })).toBeVisible();
		await expect(status(page)).toContainText(heart.barcode!);
		await expect(page).toHaveURL(/\/scan$/);
		// The manifest's screenshots (static/screenshots/) come from here, in CSS pixels.
		await page.screenshot({ path: test.info().outputPath('scan-phone.png'), scale: 'css' });
		await page.setViewportSize({ width: 1024, height: 768 });
		await page.goto('/products?q=heart');
		await expect(page.getByRole('list', { name: 'Search results' })).toBeVisible();
		await page.screenshot({ path: test.info().outputPath('products-tablet.png'), scale: 'css' });
	});

	test('Scan from photo decodes real EAN-13 photos with the WebAssembly decoder', async ({
		page
	}) => {
		await page.goto('/scan');
		// Desktop Chromium on Linux has no BarcodeDetector: this is the polyfill's path.
		expect(await page.evaluate(() => 'BarcodeDetector' in window)).toBe(false);
		for (const [file, text] of Object.entries(EXPECTED)) {
			if (!file.startsWith('ean13')) continue;
			await page.getByLabel('Scan from photo').setInputFiles(new URL(file, PHOTOS).pathname);
			await expect(status(page)).toContainText(text);
			await expect(status(page)).toContainText(`Unknown code ${text}`);
			const note = await page.getByTestId('photo-note').textContent();
			expect(note).toContain('ZXing');
			console.log(`decoded ${file}: ${note}`);
		}
	});
});
