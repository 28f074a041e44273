import { expect, test } from '@playwright/test';
import { ADMIN_STATE, openApp, reauthenticateAdmin } from './staff';

test.describe('API keys', () => {
	// The admin who set up MFA in staff.setup.ts: no sign-in needed here.
	test.use({ storageState: ADMIN_STATE });

	test('an admin creates a scoped key, sees it once, and revokes it', async ({
		page
	}, testInfo) => {
		// Creating a key needs a sign-in within 5 minutes (step-up): a fresh one for this page.
		test.setTimeout(120_000);
		await openApp(page);
		await reauthenticateAdmin(page);
		await page.goto('/admin/api-keys');
		await expect(page.getByRole('heading', { name: 'API keys', level: 1 })).toBeVisible();

		const name = `Scanner sync ${testInfo.project.name} ${Date.now().toString(36)}`;
		await page.getByRole('button', { name: 'New API key' }).click();
		await page.getByLabel('Name').fill(name);
		// Keys never manage people or other keys, so those are not offered.
		await expect(page.getByRole('checkbox', { name: /users\.manage/ })).toHaveCount(0);
		await expect(page.getByRole('checkbox', { name: /integrations\.manage/ })).toHaveCount(0);
		await page.getByRole('button', { name: 'Create key' }).click();
		await expect(page.getByText('Grant at least one permission')).toBeVisible();
		await page.getByRole('checkbox', { name: /inventory\.read/ }).check();
		await page.getByRole('checkbox', { name: /orders\.read/ }).check();
		await page.getByRole('button', { name: 'Create key' }).click();

		const shown = page.getByRole('textbox', { name: 'API key', exact: true });
		await expect(shown).toBeVisible();
		const key = await shown.inputValue();
		expect(key.length).toBeGreaterThan(20);

		// The key works, with exactly what it was given.
		const bearer = { authorization: `Bearer ${key}` };
		const products = await page.request.get('/api/inventory/products?q=heart', {
			headers: bearer
		});
		expect(products.status()).toBe(200);
		const audit = await page.request.get('/api/audit', { headers: bearer });
		expect(audit.status()).toBe(403);

		await page.getByRole('button', { name: 'Done' }).click();
		await expect(shown).toHaveCount(0);
		const row = page
			.getByRole('listitem')
			.filter({ has: page.getByRole('heading', { name, exact: true }) });
		await expect(row).toContainText(key.slice(0, 8));
		await expect(row).not.toContainText(key);
		await expect(row.getByRole('list', { name: 'Permissions' })).toHaveText(
			/inventory\.read\s*orders\.read/
		);

		// One menu per row; Revoke is in it.
		await row.getByRole('button', { name: `Actions for ${name}` }).click();
		await row.getByRole('button', { name: 'Revoke' }).click();
		const confirm = page.getByRole('alertdialog', { name: `Revoke "${name}"?` });
		await confirm.getByRole('button', { name: 'Revoke key' }).click();
		await expect(confirm).toBeHidden();
		await expect(row).toContainText('Revoked');
		const after = await page.request.get('/api/inventory/products?q=heart', { headers: bearer });
		expect(after.status()).toBe(401);
	});
});
