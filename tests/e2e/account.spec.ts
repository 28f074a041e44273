import { expect, test } from '@playwright/test';
import { SIGNED_OUT } from './auth-state';
import { submitSignIn } from './fixtures';
import { callApi, createStaff, openApp, STAFF_PASSWORD } from './staff';

test.describe('your account', () => {
	test.use({ storageState: SIGNED_OUT });

	test('signs out the other devices, then changes the password', async ({
		page,
		browser
	}, testInfo) => {
		const person = await createStaff(browser, testInfo, 'support');
		// A second device, signed in as the same person.
		const other = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
		const otherPage = await other.newPage();
		await openApp(otherPage);
		const signedIn = await callApi(otherPage, 'POST', '/api/auth/sign-in', {
			email: person.email,
			password: person.password
		});
		expect(signedIn.status).toBe(200);

		await page.goto('/sign-in');
		await submitSignIn(page, person.email, person.password);
		await expect(page).toHaveURL('/products');
		// The person's name in the app bar leads to their account.
		await page.getByRole('banner').getByRole('link', { name: /Dana/ }).click();
		await expect(page).toHaveURL('/account');
		await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();

		await page.getByRole('button', { name: 'Sign out everywhere else' }).click();
		const confirm = page.getByRole('alertdialog', { name: 'Sign out everywhere else?' });
		await confirm.getByRole('button', { name: 'Sign out everywhere else' }).click();
		await expect(confirm).toBeHidden();
		await expect(page.getByText('You are signed out everywhere else.')).toBeVisible();
		// The list of this person's sessions now holds this device alone.
		const mine = page.getByRole('list', { name: 'Where you are signed in' }).getByRole('listitem');
		await expect(mine).toHaveCount(1);
		await expect(mine).toContainText('This device');
		expect((await callApi(otherPage, 'GET', '/api/auth/me')).status).toBe(401);
		await other.close();

		const current = page.getByLabel('Current password');
		const fresh = page.getByLabel('New password');
		await current.fill('not my password at all');
		await fresh.fill('lantern meadow copper 88');
		await page.getByRole('button', { name: 'Change password' }).click();
		await expect(page.getByRole('alert')).toContainText('Your current password is not right');
		await expect(current).toBeFocused();

		await current.fill(STAFF_PASSWORD);
		await fresh.fill('password1234');
		await page.getByRole('button', { name: 'Change password' }).click();
		await expect(page.getByRole('alert')).toContainText('Choose another password');

		await current.fill(STAFF_PASSWORD);
		await fresh.fill('lantern meadow copper 88');
		await page.getByRole('button', { name: 'Change password' }).click();
		await expect(page.getByText('Password changed.')).toBeVisible();
		// This device keeps working on its new session.
		expect((await page.request.get('/api/auth/me')).status()).toBe(200);
	});
});
