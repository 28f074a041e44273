import { expect, test } from '@playwright/test';
import { ADMIN_STATE, callApi } from './staff';

type Item = { productId: string; sku: string; barcode: string | null; expected?: number };

// A manager's blind count of MAIN, counted on the phone by the demo warehouse user: a typed
// quantity, then a scanner's burst into the same field. The system quantity never shows.
test.describe('counting on the phone', () => {
	test('a blind count: type a quantity, scan one more, no system quantity shown', async ({
		page,
		browser
	}, testInfo) => {
		const admin = await browser.newContext({ storageState: ADMIN_STATE });
		const adminPage = await admin.newPage();
		await adminPage.goto('/products');
		const locations = await callApi(adminPage, 'GET', '/api/fulfilment/locations');
		const main = (locations.body.items as { id: string; code: string }[]).find(
			(l) => l.code === 'MAIN'
		)!;
		const created = await callApi(adminPage, 'POST', '/api/counts/tasks', {
			locationId: main.id,
			blind: true,
			note: `e2e ${testInfo.project.name}`
		});
		expect(created.status).toBe(201);
		await admin.close();
		const taskId = created.body.id as string;

		await page.goto('/counts');
		await expect(page.getByRole('heading', { name: 'Counts', level: 1 })).toBeVisible();
		await page.getByRole('link', { name: new RegExp(`e2e ${testInfo.project.name}`) }).click();
		await expect(page).toHaveURL(new RegExp(`/counts/${taskId}$`));
		await expect(page.getByText('Blind', { exact: true })).toBeVisible();
		await expect(page.getByText(/System:/)).toHaveCount(0);

		const task = await callApi(page, 'GET', `/api/counts/tasks/${taskId}`);
		const items = task.body.items as Item[];
		expect(items.every((i) => i.expected === undefined)).toBe(true);
		const item = items.find((i) => i.barcode)!;
		const field = page.getByLabel(`Counted ${item.sku}`, { exact: true });
		await field.fill('3');
		// A scanner: the barcode in one fast burst, then Enter: one more of that product.
		// Shift first: Playwright stamps a key once the page has handled the one before, so a
		// busy page stretches the first gap, which a real scanner's keys do not (scanner.spec).
		await field.focus();
		await page.keyboard.press('Shift');
		await page.keyboard.type(item.barcode!, { delay: 5 });
		await page.keyboard.press('Enter');
		await expect(page.getByTestId('scan-outcome')).toContainText(`${item.sku} · 4`);
		await expect(field).toHaveValue('4');
		await page.screenshot({ path: testInfo.outputPath('1-scanned.png') });
		// A person pressing Enter after typing sends the line.
		await page.waitForTimeout(100);
		await field.press('Enter');
		const row = page.getByRole('listitem').filter({ has: field });
		await expect(row.getByText(/Counted|Waiting for a manager/)).toBeVisible();
		await page.screenshot({ path: testInfo.outputPath('2-counted.png') });
	});
});
