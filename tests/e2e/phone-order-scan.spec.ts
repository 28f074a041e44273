import { expect, test, type Page } from '@playwright/test';
import { SIGNED_OUT } from './auth-state';
import { signIn } from './fixtures';
import { callApi } from './staff';

// Issue 10: a scan on the phone-order page adds the product it names to the order (the page
// claims scans, web/routes/(app)/(orders)/orders/new), rather than opening the product.
test.use({ storageState: SIGNED_OUT });

type Product = { id: string; sku: string; barcode: string | null; name: string; available: number };

async function productWithBarcode(page: Page): Promise<Product> {
	const found = await callApi(page, 'GET', '/api/inventory/products?q=heart&limit=20');
	const product = (found.body.items as Product[]).find((p) => p.barcode);
	expect(product, 'the seed has a heart product with a barcode').toBeTruthy();
	return product!;
}

/**
 * A hardware scanner's burst: the code's keys then Enter, at the window, as fast as a scanner
 * types them. Dispatched in the page in one go: Playwright's own keys reach a busy page with
 * gaps a scanner never has (phone-order.spec), and the listener reads each key's time.
 */
async function scanBurst(page: Page, code: string): Promise<void> {
	await page.evaluate(
		(keys) => {
			for (const key of keys) {
				window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
			}
		},
		[...code, 'Enter']
	);
}

test('a scan on the phone-order page adds the product; a second scan adds a unit', async ({
	page
}) => {
	await signIn(page, 'support');
	const product = await productWithBarcode(page);
	await page.goto('/orders/new');
	await expect(page.getByLabel('Add a product')).toBeVisible();

	await scanBurst(page, product.barcode!);
	const lines = page.getByRole('list', { name: 'Order lines' });
	await expect(lines).toContainText(product.sku);
	await expect(page.getByTestId('scan-status')).toContainText(`Added ${product.name}`);
	// Still on the order: the scan was the order's, not "open this product".
	await expect(page).toHaveURL(/\/orders\/new$/);

	await scanBurst(page, product.barcode!);
	await expect(page.getByLabel(`Quantity of ${product.sku}`)).toHaveValue('2');
});
