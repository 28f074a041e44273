import { expect, test } from '@playwright/test';
import { SIGNED_OUT } from './auth-state';
import { demoUser, HEART_LINK, signIn, submitSignIn } from './fixtures';

test.describe('sign in', () => {
	// These start signed out. Sign-ins are rate limited per account (20 per 15 minutes),
	// so the ones that end a session use the support account, not the shared warehouse one.
	test.use({ storageState: SIGNED_OUT });

	test('a warehouse picker signs in and lands on products', async ({ page }) => {
		const user = await signIn(page, 'warehouse');
		await expect(page).toHaveURL('/products');
		const banner = page.getByRole('banner');
		await expect(banner).toContainText('Ordo');
		await expect(banner).toContainText(user.name);
		// A picker's areas: products, orders and the pick list; nothing of an admin's.
		const nav = page.getByRole('navigation', { name: 'Main' });
		await expect(nav.getByRole('link', { name: 'Pick' })).toBeVisible();
		await expect(nav.getByRole('link', { name: 'Users' })).toHaveCount(0);
		await expect(page.getByLabel('Find a product')).toBeFocused();
	});

	test('a wrong password shows the error and stays on sign-in', async ({ page }) => {
		// Not the warehouse account: failed attempts count towards its lockout.
		const user = demoUser('support');
		await page.goto('/sign-in');
		await submitSignIn(page, user.email, 'not-the-password');

		await expect(page.getByRole('alert')).toContainText('Email or password is incorrect');
		await expect(page).toHaveURL('/sign-in');
		await expect(page.getByLabel('Password')).toHaveValue('');
		await expect(page.getByLabel('Password')).toBeFocused();
		await expect(page.getByLabel('Email')).toHaveValue(user.email);
	});

	test('an email that is not an email is marked beside the field', async ({ page }) => {
		await page.goto('/sign-in');
		await submitSignIn(page, 'not-an-email', 'whatever-it-is');
		await expect(page.getByRole('alert')).toContainText('Some fields need attention');
		await expect(page.getByText('Enter an email address like name@example.com')).toBeVisible();
		await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
	});

	test('a signed-out visit goes to sign-in and back to the page afterwards', async ({ page }) => {
		const user = demoUser('warehouse');
		await page.goto('/products?q=white+heart');
		await expect(page).toHaveURL('/sign-in?next=%2Fproducts%3Fq%3Dwhite%2Bheart');

		await submitSignIn(page, user.email, user.password);
		await expect(page).toHaveURL('/products?q=white+heart');
		await expect(page.getByLabel('Find a product')).toHaveValue('white heart');
		await expect(page.getByRole('link', { name: HEART_LINK })).toBeVisible();
	});

	test('home sends a signed-out person to sign-in and a signed-in one to products', async ({
		page
	}) => {
		await page.goto('/');
		await expect(page).toHaveURL('/sign-in');
		await signIn(page, 'support');
		await page.goto('/');
		await expect(page).toHaveURL('/products');
	});

	test('signing out ends the session', async ({ page }) => {
		await signIn(page, 'support');
		await page.getByRole('button', { name: 'Sign out' }).click();
		await expect(page).toHaveURL('/sign-in');
		await page.goto('/products');
		await expect(page).toHaveURL('/sign-in?next=%2Fproducts');
	});

	test('an expired session asks for the password over the page and then carries on', async ({
		page,
		context
	}) => {
		const user = await signIn(page, 'support');
		await page.goto('/products');
		await expect(page.getByLabel('Find a product')).toBeVisible();
		// What 15 idle minutes do, without waiting them: the cookie no longer names a session.
		await context.clearCookies();
		await page.getByLabel('Find a product').fill('heart');
		const signedOut = page.getByRole('dialog', { name: 'You have been signed out' });
		await expect(signedOut).toBeVisible();
		await expect(page).toHaveURL('/products');
		await signedOut.getByLabel('Password').fill(user.password);
		await signedOut.getByRole('button', { name: 'Sign in' }).click();
		await expect(signedOut).toBeHidden();
		// The search that met the 401 is sent again: the results arrive without retyping.
		await expect(page.getByLabel('Find a product')).toHaveValue('heart');
		await expect(page.getByRole('link', { name: HEART_LINK }).first()).toBeVisible();
	});
});
