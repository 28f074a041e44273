import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { SIGNED_OUT } from './auth-state';
import { submitSignIn } from './fixtures';
import { createStaff, totpNow, totpStep } from './staff';

test.describe('two-step sign-in', () => {
	test.use({ storageState: SIGNED_OUT });

	test('a manager sets up an authenticator at first sign-in, then signs in with its code', async ({
		page,
		browser
	}, testInfo) => {
		// A code is accepted once, so the second sign-in may wait for the next 30 s step.
		test.setTimeout(90_000);
		const manager = await createStaff(browser, testInfo, 'manager');

		await page.goto('/sign-in');
		await submitSignIn(page, manager.email, manager.firstPassword!);
		await expect(page).toHaveURL('/sign-in/mfa-setup');
		await expect(page.getByRole('heading', { name: 'Set up your authenticator' })).toBeVisible();
		await expect(
			page.getByRole('img', { name: 'QR code for your authenticator app' })
		).toBeVisible();
		await expect(page.getByText(`Account: ${manager.email}`)).toBeVisible();

		// What a person types into the app when they cannot scan: the key, in groups of four.
		const key = (await page.getByLabel('Set-up key').textContent()) ?? '';
		expect(key).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
		const wrong = totpNow(key) === '000000' ? '111111' : '000000';
		const codeField = page.getByLabel('6-digit code');
		await expect(codeField).toHaveAttribute('inputmode', 'numeric');
		await codeField.fill(wrong);
		await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
		await expect(page.getByRole('alert')).toContainText('That code did not match');

		const enrolledStep = totpStep();
		await codeField.fill(totpNow(key));
		await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();

		await expect(page.getByRole('heading', { name: 'Save your recovery codes' })).toBeVisible();
		const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
		await expect(codes).toHaveCount(10);
		const shown = await codes.allTextContents();
		for (const code of shown) expect(code.trim()).toMatch(/^[0-9a-z]{4}(-[0-9a-z]{4}){5}$/);

		const download = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Download as text' }).click();
		const file = await download;
		expect(file.suggestedFilename()).toBe('ordo-recovery-codes.txt');
		const text = readFileSync(await file.path(), 'utf8');
		for (const code of shown) expect(text).toContain(code.trim());

		await page.getByRole('button', { name: 'I have saved them' }).click();
		// The admin chose the first password: the manager chooses their own (PCI DSS 8.3.5).
		await expect(page).toHaveURL('/sign-in/new-password');
		await page.getByLabel('Password you signed in with').fill(manager.firstPassword!);
		await page.getByLabel('New password', { exact: true }).fill(manager.password);
		await page.getByRole('button', { name: 'Save and continue' }).click();
		await expect(page).toHaveURL('/products');
		await expect(page.getByRole('banner')).toContainText(manager.name);

		await page.getByRole('button', { name: 'Sign out' }).click();
		await expect(page).toHaveURL('/sign-in');
		await submitSignIn(page, manager.email, manager.password);
		await expect(page).toHaveURL('/sign-in/mfa');
		const code = page.getByLabel('Authenticator code');
		await expect(code).toBeFocused();
		await expect(code).toHaveAttribute('inputmode', 'numeric');
		await expect(code).toHaveAttribute('autocomplete', 'one-time-code');

		await code.fill(wrong);
		await page.getByRole('button', { name: 'Verify' }).click();
		await expect(page.getByRole('alert')).toContainText('That code did not work');
		await expect(code).toHaveValue('');

		// The enrolment used this step's code, and a code never works twice.
		const wait = (enrolledStep + 1) * 30_000 - Date.now();
		if (wait > 0) await page.waitForTimeout(wait + 250);
		await code.fill(totpNow(key));
		await page.getByRole('button', { name: 'Verify' }).click();
		await expect(page).toHaveURL('/products');
		await expect(page.getByRole('banner')).toContainText(manager.name);
	});

	test('a password alone opens no page: the second step comes first, and the page asked for after', async ({
		page,
		browser
	}, testInfo) => {
		const manager = await createStaff(browser, testInfo, 'manager');
		await page.goto('/products?q=heart');
		await expect(page).toHaveURL('/sign-in?next=%2Fproducts%3Fq%3Dheart');
		await submitSignIn(page, manager.email, manager.firstPassword!);
		await expect(page).toHaveURL('/sign-in/mfa-setup?next=%2Fproducts%3Fq%3Dheart');

		// Going round the set-up by address lands on the second step, not the page.
		await page.goto('/products');
		await expect(page).toHaveURL('/sign-in/mfa?next=%2Fproducts');
		await page.getByRole('link', { name: 'No authenticator yet? Set one up' }).click();
		await expect(page).toHaveURL('/sign-in/mfa-setup?next=%2Fproducts');
		await expect(page.getByLabel('Set-up key')).toBeVisible();
	});
});
