import { expect, test } from '@playwright/test';
import { SIGNED_OUT } from './auth-state';
import { demoUser, findProduct, HEART, serviceWorkerControls } from './fixtures';

test.describe('offline', () => {
	test('after one online visit the app still opens offline and says so', async ({
		page,
		context
	}) => {
		const user = demoUser('warehouse');
		await page.goto('/products');
		const product = await findProduct(page, HEART.sku);
		await page.goto(`/products/${product.id}`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEART.name);
		await serviceWorkerControls(page);

		await context.setOffline(true);
		await page.reload();

		// The shell renders from the cache: app bar, who is signed in, the indicator.
		const banner = page.getByRole('banner');
		await expect(banner).toContainText('Ordo');
		await expect(banner).toContainText(user.name);
		await expect(banner.getByText('Offline')).toBeVisible();
		// The person's last confirmed permissions come with them: no admin areas offline.
		await expect(page.getByRole('link', { name: 'Users' })).toHaveCount(0);
		await expect(page.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
		// The pill and the name share the bar without overlapping (360 px included).
		const pill = await banner.getByRole('status').filter({ hasText: 'Offline' }).boundingBox();
		const name = await banner
			.getByRole('link', { name: new RegExp(user.name.split(' ')[0]!) })
			.boundingBox();
		expect(pill && name && pill.x + pill.width <= name.x).toBe(true);
		// The product opened online comes back as this device's copy, and says how old it is.
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEART.name);
		await expect(page.getByText(/^Last known stock, as of \d\d:\d\d — offline$/)).toBeVisible();

		// Any other page opens too, by address as well as by link.
		await page.goto('/products');
		await expect(page.getByLabel('Find a product')).toBeVisible();
		await page.getByLabel('Find a product').fill('heart');
		await expect(page.getByRole('alert')).toContainText('You are offline');

		// A password change needs the server: offline it is not offered as if it could work.
		await page.goto('/account');
		await expect(page.getByRole('button', { name: 'Change password' })).toBeDisabled();
		await expect(page.getByText('You are offline. Change your password')).toBeVisible();

		await context.setOffline(false);
		await expect(banner.getByText('Offline')).toBeHidden();
		await expect(page.getByRole('button', { name: 'Change password' })).toBeEnabled();
	});

	test.describe('signed out', () => {
		test.use({ storageState: SIGNED_OUT });

		test('the sign-in page opens offline too', async ({ page, context }) => {
			await page.goto('/sign-in');
			await serviceWorkerControls(page);
			await context.setOffline(true);
			await page.reload();
			await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
			await expect(page.getByText('Offline')).toBeVisible();
			// Ready to type (or scan a badge) at once.
			await expect(page.getByLabel('Email')).toBeFocused();
		});
	});
});
