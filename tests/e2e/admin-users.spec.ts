import { expect, test } from '@playwright/test';
import { SIGNED_OUT } from './auth-state';
import { demoUser, submitSignIn } from './fixtures';
import { callApi, openApp, readAdminMfa, STAFF_PASSWORD } from './staff';

test.describe('staff administration', () => {
	test.use({ storageState: SIGNED_OUT });

	test('an admin signs in with a recovery code, adds a support person, changes their role and disables them', async ({
		page,
		browser
	}, testInfo) => {
		const admin = demoUser('admin');
		// Each code works once: phone, tablet and their retries each take their own.
		const recovery =
			readAdminMfa().recoveryCodes[(testInfo.project.name === 'phone' ? 0 : 4) + testInfo.retry]!;

		await page.goto('/sign-in');
		await submitSignIn(page, admin.email, admin.password);
		await expect(page).toHaveURL('/sign-in/mfa');
		await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
		await page.getByLabel('Recovery code').fill(recovery.toUpperCase());
		await page.getByRole('button', { name: 'Verify' }).click();
		await expect(page).toHaveURL('/products');

		const nav = page.getByRole('navigation', { name: 'Main' });
		// A phone shows four areas and "More"; the admin areas are behind it.
		const more = nav.getByRole('button', { name: 'More' });
		if (testInfo.project.name === 'phone') {
			await expect(nav.getByRole('link', { name: 'API keys' })).toBeHidden();
			await more.click();
			await expect(more).toHaveAttribute('aria-expanded', 'true');
		} else await expect(more).toBeHidden();
		await expect(nav.getByRole('link', { name: 'API keys' })).toBeVisible();
		await expect(nav.getByRole('link', { name: 'Audit log' })).toBeVisible();
		await nav.getByRole('link', { name: 'Users' }).click();
		await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();

		const name = `Rowan Quill ${testInfo.project.name} ${Date.now().toString(36)}`;
		const email = `rowan.${testInfo.project.name}.${Date.now().toString(36)}@ordo.test`;
		await page.getByRole('button', { name: 'New staff account' }).click();
		await page.getByLabel('Name').fill(name);
		await page.getByLabel('Email').fill(email);
		await page.getByLabel('Role', { exact: true }).selectOption('support');
		// The policy's answer is shown beside the field.
		await page.getByLabel('First password').fill('short');
		await page.getByRole('button', { name: 'Create account' }).click();
		await expect(page.getByRole('alert')).toContainText('Choose a stronger password');
		await expect(page.getByText('Use at least 12 characters.')).toBeVisible();
		await page.getByLabel('First password').fill(STAFF_PASSWORD);
		await page.getByRole('button', { name: 'Create account' }).click();
		await expect(
			page.getByRole('status').filter({ hasText: `${name} can now sign in.` })
		).toBeVisible();

		const row = page
			.getByRole('listitem')
			.filter({ has: page.getByRole('heading', { name, exact: true }) });
		await expect(row).toContainText(email);
		await expect(row).toContainText('Never signed in');
		await expect(row).toContainText('No MFA');

		// Every change is in the row's one menu.
		const confirm = page.getByRole('alertdialog');
		const menu = row.getByRole('button', { name: `Actions for ${name}` });
		await menu.click();
		await row.getByRole('button', { name: 'Make warehouse' }).click();
		await expect(confirm).toHaveAccessibleName(`Make ${name} warehouse?`);
		await confirm.getByRole('button', { name: 'Change role' }).click();
		await expect(confirm).toBeHidden();
		await expect(row).toContainText('warehouse');

		await menu.click();
		await expect(row.getByRole('button', { name: 'Make admin' })).toBeVisible();
		await expect(row.getByRole('button', { name: 'Make warehouse' })).toHaveCount(0);
		await row.getByRole('button', { name: 'Disable' }).click();
		await expect(confirm).toHaveAccessibleName(`Disable ${name}?`);
		await confirm.getByRole('button', { name: 'Disable' }).click();
		await expect(confirm).toBeHidden();
		await expect(row).toContainText('Disabled');
		await menu.click();
		await expect(row.getByRole('button', { name: 'Enable' })).toBeVisible();
		await page.keyboard.press('Escape');
		await expect(row.getByRole('button', { name: 'Enable' })).toBeHidden();
		await expect(menu).toBeFocused();

		// Disabled means it: their password no longer signs them in.
		const other = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
		const otherPage = await other.newPage();
		await openApp(otherPage);
		const attempt = await callApi(otherPage, 'POST', '/api/auth/sign-in', {
			email,
			password: STAFF_PASSWORD
		});
		expect(attempt.status).toBe(401);
		await other.close();

		// Nothing is offered that the API would refuse: one's own row has no menu at all.
		const self = page
			.getByRole('listitem')
			.filter({ has: page.getByRole('heading', { name: `${admin.name} (you)` }) });
		await expect(self.getByRole('button')).toHaveCount(0);
		await expect(self.getByRole('link', { name: 'Your account' })).toBeVisible();
	});
});

test('staff without the permission see neither the link nor the page', async ({ page }) => {
	// The shared warehouse session (playwright.config.ts storageState).
	await page.goto('/products');
	await expect(page.getByLabel('Find a product')).toBeVisible();
	// Their own areas only: the pick list, never an admin link.
	await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Users' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'API keys' })).toHaveCount(0);
	await page.goto('/admin/users');
	// Says what cannot be opened and who can help; asking again would not change it.
	await expect(page.getByRole('heading', { name: 'You cannot open Users' })).toBeVisible();
	await expect(page.getByText('ask an admin')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Try again' })).toHaveCount(0);
	await expect(page.getByRole('banner')).toContainText('Ordo');
});

test('an address with no page shows not-found inside the app', async ({ page }) => {
	await page.goto('/no-such-page');
	await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
	await expect(page.getByRole('main')).toContainText('/no-such-page');
	// The app bar stays, so the person still sees who is signed in and can go on.
	await expect(page.getByRole('banner')).toContainText('Ordo');
	await page.getByRole('link', { name: 'Back to products' }).click();
	await expect(page.getByLabel('Find a product')).toBeVisible();
});
