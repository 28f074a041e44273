import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { SIGNED_OUT } from './auth-state';
import { findProduct, HEART, signIn } from './fixtures';
import { ADMIN_STATE } from './staff';

// Every screen, at the project's size (phone 360×740, tablet 1024×768), as the role
// that uses it, has no axe violation (WCAG 2.2 A/AA and axe's best practices).
async function expectNoViolations(page: Page, screen: string): Promise<void> {
	// The start-up shell has given way and the page has settled.
	await expect(page.locator('#ordo-boot')).toHaveCount(0);
	const { violations } = await new AxeBuilder({ page }).analyze();
	const found = violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(found, `axe on ${screen}`).toEqual([]);
}

test.describe('signed out', () => {
	test.use({ storageState: SIGNED_OUT });

	test('sign-in has no axe violations', async ({ page }) => {
		await page.goto('/sign-in');
		await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
		await expectNoViolations(page, '/sign-in');
	});
});

test.describe('warehouse', () => {
	test('products, a product, account, a refused page and an unknown page have no axe violations', async ({
		page
	}) => {
		await page.goto('/products?q=heart');
		await expect(page.getByRole('list', { name: 'Search results' })).toBeVisible();
		await expectNoViolations(page, '/products?q=heart');

		const product = await findProduct(page, HEART.sku);
		await page.goto(`/products/${product.id}`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEART.name);
		await expectNoViolations(page, '/products/[id]');

		await page.goto('/account');
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expectNoViolations(page, '/account');

		await page.goto('/admin/audit');
		await expect(page.getByRole('heading', { name: /You cannot open/ })).toBeVisible();
		await expectNoViolations(page, '403');

		await page.goto('/no-such-page');
		await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
		await expectNoViolations(page, '404');
	});
});

test.describe('rep', () => {
	test.use({ storageState: SIGNED_OUT });

	test('orders, an order, its hold dialog and a new phone order have no axe violations', async ({
		page
	}, testInfo) => {
		await signIn(page, 'support');
		await page.goto('/orders');
		const found = page.getByRole('list', { name: 'Orders found' });
		await expect(found.getByRole('link').first()).toBeVisible();
		await expectNoViolations(page, '/orders');
		await page.screenshot({ path: testInfo.outputPath('orders.png') });

		await found.getByRole('link').first().click();
		await expect(page.getByRole('heading', { level: 3, name: 'Timeline' })).toBeVisible();
		await expectNoViolations(page, '/orders/[id]');
		await page.screenshot({ path: testInfo.outputPath('order.png') });
		const hold = page.getByRole('button', { name: 'Hold', exact: true });
		if (await hold.isVisible()) {
			await hold.click();
			await expect(page.getByRole('alertdialog')).toBeVisible();
			await expectNoViolations(page, '/orders/[id] hold dialog');
			await page.keyboard.press('Escape');
		}

		await page.goto('/orders/new');
		await page.getByLabel('Find the customer').fill('an');
		await expect(page.getByRole('list', { name: 'Customers found' })).toBeVisible();
		const add = page.getByLabel('Add a product');
		await add.fill(HEART.sku);
		await add.press('Enter');
		await expect(page.getByRole('list', { name: 'Order lines' })).toContainText(HEART.sku);
		await expectNoViolations(page, '/orders/new');
		await page.screenshot({ path: testInfo.outputPath('new-order.png'), fullPage: true });
	});
});

test.describe('admin', () => {
	test.use({ storageState: ADMIN_STATE });

	test('users, API keys and the audit log have no axe violations', async ({ page }) => {
		await page.goto('/admin/users');
		await expect(page.getByRole('list', { name: 'Staff accounts' })).toBeVisible();
		await expectNoViolations(page, '/admin/users');
		await page
			.getByRole('button', { name: /^Actions for / })
			.first()
			.click();
		await expectNoViolations(page, '/admin/users with a row menu open');

		await page.goto('/admin/api-keys');
		await expect(page.getByRole('heading', { name: 'API keys', level: 1 })).toBeVisible();
		await expectNoViolations(page, '/admin/api-keys');
		await page.getByRole('button', { name: 'New API key' }).click();
		await expectNoViolations(page, '/admin/api-keys new key form');

		await page.goto('/admin/audit');
		await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
		await expectNoViolations(page, '/admin/audit');
	});
});
