import { expect, test } from '@playwright/test';
import { ADMIN_STATE } from './staff';

// A manager sets up a supplier on the tablet: from the reorder screen's "No supplier" group
// to a new supplier with one item, then back to the reorder screen, where that product is
// now in the new supplier's group.
test.describe('setting up suppliers', () => {
	test.use({ storageState: ADMIN_STATE });

	test('adds a supplier and an item, and the reorder screen groups the product under it', async ({
		page
	}, testInfo) => {
		const supplierName = `Journey Supplies ${Date.now()}`;

		// A product the demo shop needs to reorder and nobody sells yet.
		await page.goto('/reorder');
		const unsupplied = page
			.getByRole('heading', { name: 'No supplier set up' })
			.locator('xpath=ancestor::section[1]');
		await expect(unsupplied).toBeVisible();
		const sku = (await unsupplied.locator('tbody tr td strong').first().textContent())!.trim();
		const skuPattern = new RegExp(sku.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
		expect(sku).not.toBe('');
		await unsupplied.getByRole('link', { name: 'Set up suppliers' }).click();

		// Add a supplier: a bad email is named beside its field, then fixed.
		await expect(page.getByRole('heading', { name: 'Suppliers', level: 1 })).toBeVisible();
		const form = page.getByRole('form', { name: 'Add a supplier' });
		await form.getByLabel('Name').fill(supplierName);
		await form.getByLabel('Email for orders').fill('orders@journey');
		await form.getByLabel('Lead time (days)').fill('5');
		await form.getByRole('button', { name: 'Add supplier' }).click();
		await expect(form.getByText(/Use an email address/).first()).toBeVisible();
		await form.getByLabel('Email for orders').fill('orders@journey.test');
		await form.getByRole('button', { name: 'Add supplier' }).click();

		// Its page: find the product, set the supplier's code, pack and unit cost in pounds.
		await expect(page.getByRole('heading', { name: supplierName, level: 1 })).toBeVisible();
		await page.getByLabel('Product SKU or name').fill(sku);
		await page.getByRole('button', { name: 'Find', exact: true }).click();
		await page
			.getByRole('list', { name: 'Products found' })
			.getByRole('button', { name: skuPattern })
			.first()
			.click();
		const item = page.getByRole('form', { name: 'Supplier item' });
		await item.getByLabel("Supplier's code").fill('JS-001');
		await item.getByLabel('Pack size (units)').fill('6');
		await item.getByLabel('Unit cost (GBP)').fill('2.35');
		await item.getByRole('button', { name: 'Save item' }).click();
		const row = page.getByRole('row', { name: skuPattern });
		await expect(row).toContainText('JS-001');
		await expect(row).toContainText('£2.35');
		await page.screenshot({ path: testInfo.outputPath('1-supplier.png'), fullPage: false });

		// The supplier list counts the item.
		await page.getByRole('link', { name: 'All suppliers' }).click();
		await expect(
			page
				.getByRole('row', { name: new RegExp(supplierName) })
				.getByRole('cell')
				.last()
		).toHaveText('1');

		// Back on the reorder screen the product is in the new supplier's group.
		await page.goto('/reorder');
		const group = page
			.getByRole('heading', { name: new RegExp(supplierName) })
			.locator('xpath=ancestor::section[1]');
		await expect(group).toBeVisible();
		await expect(group.getByRole('row', { name: skuPattern })).toBeVisible();
		await page.screenshot({ path: testInfo.outputPath('2-reorder.png'), fullPage: false });
	});
});
