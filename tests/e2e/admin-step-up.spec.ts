import { expect, test } from '@playwright/test';
import { demoUser } from './fixtures';
import { ADMIN_STATE, callApi, readAdminMfa, reauthenticateAdmin, STAFF_PASSWORD } from './staff';

const STEP_UP = {
	type: 'urn:ordo:problem:reauth-required',
	title: 'Confirm it is you',
	status: 403,
	detail: 'Enter your password again to make this change.'
};

test.describe('changes that need the password again', () => {
	test.use({ storageState: ADMIN_STATE });

	test('a step-up refusal asks for password and code over the form, then creates the account', async ({
		page
	}, testInfo) => {
		// Confirming signs the admin in again over the page, which ends the session the page
		// holds: this test takes a session of its own, never the one other journeys share
		// (waiting for a fresh authenticator step can take up to 30 s).
		test.setTimeout(90_000);
		await page.goto('/sign-in');
		await reauthenticateAdmin(page);
		const admin = demoUser('admin');
		// Recovery codes 0-7 are the other journeys'; each code works once.
		const recovery = readAdminMfa().recoveryCodes[testInfo.project.name === 'phone' ? 8 : 9]!;
		// The API's step-up answer (worker side built in parallel), once; then the real route.
		let refused = false;
		await page.route('**/api/users', async (route) => {
			if (route.request().method() !== 'POST' || refused) return route.fallback();
			refused = true;
			await route.fulfill({
				status: 403,
				contentType: 'application/problem+json',
				body: JSON.stringify(STEP_UP)
			});
		});

		await page.goto('/admin/users');
		const name = `Ines Step ${testInfo.project.name} ${Date.now().toString(36)}`;
		await page.getByRole('button', { name: 'New staff account' }).click();
		await page.getByLabel('Name').fill(name);
		await page
			.getByLabel('Email')
			.fill(`ines.${testInfo.project.name}.${Date.now().toString(36)}@ordo.test`);
		await page.getByLabel('First password').fill(STAFF_PASSWORD);
		await page.getByRole('button', { name: 'Create account' }).click();

		const confirm = page.getByRole('dialog', { name: 'Confirm it is you' });
		await expect(confirm).toBeVisible();
		await confirm.getByLabel('Password').fill(admin.password);
		await confirm.getByRole('button', { name: 'Confirm' }).click();
		await confirm.getByRole('button', { name: 'Use a recovery code instead' }).click();
		await confirm.getByLabel('Recovery code').fill(recovery);
		await confirm.getByRole('button', { name: 'Verify' }).click();
		await expect(confirm).toBeHidden();

		// Sent once more after confirming: what was typed was not lost.
		await expect(
			page.getByRole('status').filter({ hasText: `${name} can now sign in.` })
		).toBeVisible();
		await callApi(page, 'POST', '/api/auth/sign-out');
	});

	test('declining the step-up changes nothing and says so', async ({ page }) => {
		await page.route('**/api/users/*/sessions/revoke', (route) =>
			route.fulfill({
				status: 403,
				contentType: 'application/problem+json',
				body: JSON.stringify(STEP_UP)
			})
		);
		await page.goto('/admin/users');
		const menu = page.getByRole('button', { name: /^Actions for / }).first();
		await menu.click();
		await page.getByRole('button', { name: 'Sign out everywhere' }).first().click();
		const question = page.getByRole('alertdialog');
		await question.getByRole('button', { name: 'Sign out everywhere' }).click();
		const confirm = page.getByRole('dialog', { name: 'Confirm it is you' });
		await expect(confirm).toBeVisible();
		await confirm.getByRole('button', { name: 'Cancel' }).click();
		await expect(confirm).toBeHidden();
		await expect(question.getByRole('alert')).toContainText('Nothing was changed');
	});

	test('a temporary password is shown once, with a way to copy it', async ({ page }) => {
		await page.route('**/api/users/*/temporary-password', (route) =>
			route.fulfill({ status: 200, json: { temporaryPassword: 'amber-kettle-93-ribbon' } })
		);
		await page.goto('/admin/users');
		const row = page.getByRole('listitem').filter({ hasText: 'support@ordo.test' });
		await row.getByRole('button', { name: /^Actions for / }).click();
		await row.getByRole('button', { name: 'Set temporary password' }).click();
		const question = page.getByRole('alertdialog');
		await expect(question).toContainText('must choose a new password');
		await question.getByRole('button', { name: 'Set temporary password' }).click();
		const shown = page.getByRole('textbox', { name: 'Temporary password' });
		await expect(shown).toHaveValue('amber-kettle-93-ribbon');
		await expect(page.getByRole('button', { name: 'Copy password' })).toBeVisible();
		await page.getByRole('button', { name: 'Done' }).click();
		await expect(shown).toHaveCount(0);
		await expect(page.getByText('amber-kettle-93-ribbon')).toHaveCount(0);
	});
});
