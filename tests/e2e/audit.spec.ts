import { expect, test } from '@playwright/test';
import { demoUser } from './fixtures';
import { ADMIN_STATE } from './staff';

test.describe('audit log', () => {
	test.use({ storageState: ADMIN_STATE });

	test('filters by picking an action and a person, not by typing codes and ids', async ({
		page
	}) => {
		const admin = demoUser('admin');
		await page.goto('/admin/audit');
		await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
		await page.getByLabel('Action').selectOption({ label: 'Signed in' });
		await page.getByLabel('Person').selectOption({ label: `${admin.name} (${admin.email})` });
		await page.getByRole('button', { name: 'Filter' }).click();
		await expect(page).toHaveURL(/action=auth\.sign_in/);
		const entries = page.getByRole('region', { name: 'Audit entries' });
		await expect(entries).toContainText('auth.sign_in');
		await expect(entries).not.toContainText('users.create');
		// A keyboard can reach the entries to scroll them (axe scrollable-region-focusable).
		await expect(entries).toHaveAttribute('tabindex', '0');
	});

	test('a filter the API refuses is shown beside the form and the page stays', async ({ page }) => {
		await page.goto('/admin/audit?action=NOT%20VALID');
		await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
		await expect(page.getByRole('alert')).toContainText('Action: Use an action like auth.sign_in');
		await expect(page.getByRole('button', { name: 'Filter' })).toBeVisible();
		await page.getByLabel('Action').selectOption({ label: 'Any' });
		await page.getByRole('button', { name: 'Filter' }).click();
		await expect(page.getByRole('alert')).toHaveCount(0);
		await expect(page.getByRole('region', { name: 'Audit entries' })).toBeVisible();
	});
});
