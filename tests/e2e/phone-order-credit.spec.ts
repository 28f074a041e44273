import { expect, test } from '@playwright/test';
import { CREDIT_JOURNEY } from '../support/credit-e2e';
import { SIGNED_OUT } from './auth-state';
import { signIn } from './fixtures';
import { callApi } from './staff';

type Product = { id: string; sku: string; barcode: string | null; name: string; available: number };

test.use({ storageState: SIGNED_OUT });

// Issue 11: store credit usable on phone orders. The rep sees the caller's credit, pays the
// whole order from it, and the order is paid when placed, with no payment link.
test('a phone order paid from the customer’s store credit', async ({ page }, testInfo) => {
	test.setTimeout(90_000);
	await signIn(page, 'support');
	const found = await callApi(page, 'GET', '/api/inventory/products?q=heart&limit=20');
	const product = (found.body.items as Product[]).find((p) => p.barcode && p.available >= 1);
	expect(product, 'the seed has a heart product with a barcode in stock').toBeTruthy();

	await page.goto('/orders/new');
	await page.getByLabel('Find the customer').fill(CREDIT_JOURNEY.email);
	await page
		.getByRole('list', { name: 'Customers found' })
		.getByRole('button', { name: `Choose ${CREDIT_JOURNEY.name}` })
		.click();
	const credit = page.getByTestId('store-credit');
	await expect(credit).toContainText('Store credit available: £50.00');

	const add = page.getByLabel('Add a product');
	await add.fill(product!.barcode!);
	await add.press('Enter');
	await expect(page.getByRole('list', { name: 'Order lines' })).toContainText(product!.sku);
	await page.getByLabel('Method').selectOption('Collect in store');
	await credit.getByRole('button', { name: /^Use £/ }).click();
	await expect(credit).toContainText('Credit pays the whole order: it is paid when placed.');
	await expect(page.getByTestId('to-pay')).toHaveText('£0.00');
	await page.screenshot({ path: testInfo.outputPath('1-credit-applied.png'), fullPage: true });

	await page.getByRole('button', { name: 'Place order' }).click();
	await expect(page).toHaveURL(/\/orders\/[^/]+$/);
	await expect(page.getByTestId('order-status')).toHaveText('Paid');
	await expect(page.getByTestId('payment-status')).toHaveText('Paid');
	await expect(page.getByRole('button', { name: 'Send payment link' })).toHaveCount(0);
	await expect(page.getByText(/from store credit: the order is paid/)).toBeVisible();
	await page.screenshot({ path: testInfo.outputPath('2-paid-by-credit.png'), fullPage: true });
});
