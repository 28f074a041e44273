import {
	expect,
	request,
	type APIRequestContext,
	type BrowserContext,
	type Page,
	type TestInfo
} from '@playwright/test';
import { WAREHOUSE_STATE } from './auth-state';

/** The app bar's outbox pill: "3 waiting", "1 failed", "2 not yours". */
export function outboxPill(page: Page) {
	return page.getByRole('banner').getByRole('link', { name: /waiting|failed|not yours/ });
}

/** A note no other journey writes (base 36: a long run of digits would trip the card guard). */
export function uniqueNote(testInfo: TestInfo, n: number): string {
	return `outbox ${testInfo.workerIndex}-${Date.now().toString(36)}-${n}`;
}

/** "Found" stock through the product page's adjust dialog, which sends through the outbox. */
export async function adjustFound(page: Page, note: string): Promise<void> {
	await page.getByRole('button', { name: 'Adjust stock' }).click();
	const dialog = page.getByRole('dialog', { name: 'Adjust stock' });
	await dialog.getByLabel('Found').check();
	await dialog.getByLabel('Units').fill('1');
	await dialog.getByLabel('Note (optional)').fill(note);
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expect(dialog).toBeHidden();
}

/** The API as the demo picker, beside the browser under test (its network, cookies, offline). */
export async function serverApi(testInfo: TestInfo): Promise<APIRequestContext> {
	return request.newContext({
		baseURL: testInfo.project.use.baseURL,
		storageState: WAREHOUSE_STATE
	});
}

/** How many times the server's ledger holds each note's adjustment: exactly once is [1, 1, …]. */
export async function timesApplied(
	api: APIRequestContext,
	productId: string,
	notes: string[]
): Promise<number[]> {
	const res = await api.get(
		`/api/inventory/products/${productId}/movements?kind=adjustment&limit=100`
	);
	expect(res.ok()).toBe(true);
	const { items } = (await res.json()) as { items: { reason: string }[] };
	return notes.map((note) => items.filter((m) => m.reason === `Found: ${note}`).length);
}

/** A phone with no Background Sync (Safari on iOS): the page alone sends the outbox. */
export async function withoutBackgroundSync(context: BrowserContext): Promise<void> {
	await context.addInitScript(() => {
		Object.defineProperty(ServiceWorkerRegistration.prototype, 'sync', { get: () => undefined });
	});
}
