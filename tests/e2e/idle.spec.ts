import { expect, test, type Page } from '@playwright/test';
import { SIGNED_OUT } from './auth-state';
import { HEART_LINK, submitSignIn } from './fixtures';
import { createStaff } from './staff';

// A value only this document holds: gone if the page reloads or navigates away.
const mark = (page: Page) =>
	page.evaluate(() => Reflect.set(window, 'ordoTestMark', 'still the same page'));
const marked = (page: Page) => page.evaluate(() => Reflect.get(window, 'ordoTestMark') as unknown);

test.describe('idle sessions (PCI DSS 8.2.8)', () => {
	// Its own person: ending this session must not end the shared warehouse one.
	test.use({ storageState: SIGNED_OUT });

	test('warns a minute before the end, stays on request, and signs in again over the page', async ({
		page,
		browser
	}, testInfo) => {
		const person = await createStaff(browser, testInfo, 'warehouse');
		// The page's clock, moved by the test; the server keeps real time.
		await page.clock.install();
		await page.goto('/sign-in');
		await submitSignIn(page, person.email, person.password);
		await expect(page).toHaveURL('/products');

		const search = page.getByLabel('Find a product');
		await search.fill('heart');
		await expect(page.getByRole('link', { name: HEART_LINK }).first()).toBeVisible();
		// The warehouse app keeps last-known data (catalogue, pick list, open counts) after
		// sign-in, and every answer slides the server session as any request does: the idle
		// clock starts once that is done, not at the search.
		await page.waitForLoadState('networkidle');
		await mark(page);

		const warning = page.getByRole('alertdialog', { name: 'Are you still there?' });
		const signedOut = page.getByRole('dialog', { name: 'You have been signed out' });
		await page.clock.fastForward('14:01');
		await expect(warning).toBeVisible();
		await expect(warning).toContainText(/You'll be signed out in 0:[0-5]\d/);
		// The safe choice has focus: a scanner's Enter (or a tap on Enter) never ends the session.
		await expect(warning.getByRole('button', { name: 'Stay signed in' })).toBeFocused();

		// One cheap request slides the session on the server; Enter (a scanner's too) stays.
		const me = page.waitForResponse((r) => r.url().endsWith('/api/auth/me'));
		await page.keyboard.press('Enter');
		expect((await me).status()).toBe(200);
		await expect(warning).toBeHidden();
		// Past the old deadline, inside the new one: still signed in, no warning.
		await page.clock.fastForward('13:00');
		await expect(warning).toBeHidden();
		await expect(signedOut).toBeHidden();

		// Then idle to the end: the page ends the session, on the server too.
		await page.clock.fastForward('02:00');
		await expect(signedOut).toBeVisible();
		await expect(signedOut).toContainText(person.email);
		await expect.poll(async () => (await page.request.get('/api/auth/me')).status()).toBe(401);

		// Nothing was lost: same document, same address, same search on screen.
		expect(await marked(page)).toBe('still the same page');
		await expect(page).toHaveURL('/products?q=heart');
		await expect(search).toHaveValue('heart');

		await signedOut.getByLabel('Password').fill('not the password at all');
		await signedOut.getByRole('button', { name: 'Sign in' }).click();
		await expect(signedOut.getByRole('alert')).toContainText('Email or password is incorrect');
		await signedOut.getByLabel('Password').fill(person.password);
		await signedOut.getByRole('button', { name: 'Sign in' }).click();
		await expect(signedOut).toBeHidden();

		expect(await marked(page)).toBe('still the same page');
		await expect(search).toHaveValue('heart');
		await expect(page.getByRole('link', { name: HEART_LINK }).first()).toBeVisible();
		expect((await page.request.get('/api/auth/me')).status()).toBe(200);
		// The countdown starts again from the new sign-in.
		await page.clock.fastForward('10:00');
		await expect(warning).toBeHidden();
		await expect(signedOut).toBeHidden();
	});

	test('"Sign out" in the warning signs out at once', async ({ page, browser }, testInfo) => {
		const person = await createStaff(browser, testInfo, 'support');
		await page.clock.install();
		await page.goto('/sign-in');
		await submitSignIn(page, person.email, person.password);
		await expect(page).toHaveURL('/products');

		await page.clock.fastForward('14:30');
		const warning = page.getByRole('alertdialog', { name: 'Are you still there?' });
		await warning.getByRole('button', { name: 'Sign out' }).click();
		await expect(page).toHaveURL('/sign-in');
		expect((await page.request.get('/api/auth/me')).status()).toBe(401);
	});
});
