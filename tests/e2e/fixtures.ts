import { expect, type Page } from '@playwright/test';
import { DEMO_USERS, type DemoUser } from '../../scripts/seed/demo-users';
import type { Role } from '../../db/schema/auth';

// The seed title-cases the Online Retail descriptions ("WHITE HANGING HEART T-LIGHT HOLDER").
export const HEART = { name: /^white hanging heart t-light holder$/i, sku: '85123A' };
export const HEART_LINK = /white hanging heart t-light holder/i;

export function demoUser(role: Role): DemoUser {
	const user = DEMO_USERS.find((u) => u.role === role);
	if (!user) throw new Error(`no demo user with role ${role}`);
	return user;
}

/** Fills in and sends the sign-in form the page is showing. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in through the form, as a person does, and waits for the app to show them. */
export async function signIn(page: Page, role: Role | DemoUser = 'warehouse'): Promise<DemoUser> {
	const user = typeof role === 'string' ? demoUser(role) : role;
	await page.goto('/sign-in');
	await submitSignIn(page, user.email, user.password);
	await expect(page.getByRole('banner')).toContainText(user.name);
	return user;
}

/** The product a search names first, through the API with the page's session. */
export async function findProduct(page: Page, q: string) {
	const response = await page.request.get(`/api/inventory/products?q=${encodeURIComponent(q)}`);
	expect(response.ok()).toBe(true);
	const { items } = (await response.json()) as {
		items: { id: string; sku: string; barcode: string | null; name: string }[];
	};
	const product = items[0];
	if (!product) throw new Error(`no product matches ${q}`);
	return product;
}

/** Resolves once a service worker is active and controls the page. */
export async function serviceWorkerControls(page: Page): Promise<void> {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (navigator.serviceWorker.controller) return;
		await new Promise((resolve) =>
			navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true })
		);
	});
}
