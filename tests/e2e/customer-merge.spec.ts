import { expect, test, type Page } from '@playwright/test';
import { MERGE_JOURNEY } from '../support/customers-e2e';
import { SIGNED_OUT } from './auth-state';
import { signIn } from './fixtures';

// Issue 9's journey at the tablet: a rep finds a caller by the phone number as they say it,
// sees two profiles of one person flagged as duplicates, reviews them side by side, merges,
// sees every order on the profile kept, and undoes it. The two profiles (one number stored
// as +44…, the family name mistyped on the second, orders on each) are seeded by
// tests/support/e2e-server.ts (seedMergeJourney).
test.use({ storageState: SIGNED_OUT });

const { first, second, typed } = MERGE_JOURNEY;
const firstName = `${first.given} ${first.family}`;
const secondName = `${second.given} ${second.family}`;

async function ordersShown(page: Page): Promise<string[]> {
	const list = page.getByRole('list', { name: 'Recent orders' });
	return (await list.getByRole('link').allTextContents()).map((t) => t.trim()).sort();
}

test('a rep finds two profiles of one caller by phone, merges them and undoes the merge', async ({
	page
}, testInfo) => {
	test.setTimeout(90_000);
	await signIn(page, 'support');
	await page.getByRole('link', { name: 'Customers' }).first().click();
	await expect(page.getByRole('heading', { name: 'Customers', level: 1 })).toBeVisible();
	// The review queue is one tap away, with how many pairs wait (the demo's near-duplicates).
	await expect(page.getByRole('link', { name: /Likely duplicates \d+ to review/ })).toBeVisible();

	// The caller reads out their London number; both profiles hold it as +442079460871.
	await page.getByLabel(/Name, email, phone/).fill(typed);
	const results = page.getByRole('list', { name: 'Customers found' });
	const firstHit = results.getByRole('link', { name: new RegExp(`^${firstName}\\b`) });
	const secondHit = results.getByRole('link', { name: new RegExp(`^${secondName}\\b`) });
	await expect(firstHit).toContainText('Phone:');
	await expect(secondHit).toContainText('Phone:');

	// Each profile has its own orders before the merge.
	await secondHit.click();
	const profile = page.getByRole('article');
	await expect(page.getByRole('heading', { name: secondName, level: 2 })).toBeVisible();
	await expect(page.getByTestId('order-count')).toContainText(`${second.orders} order`);
	const secondOrders = await ordersShown(page);
	expect(secondOrders).toHaveLength(second.orders);

	await firstHit.click();
	await expect(page.getByRole('heading', { name: firstName, level: 2 })).toBeVisible();
	await expect(page.getByTestId('order-count')).toContainText(`${first.orders} orders`);
	const firstOrders = await ordersShown(page);
	expect(firstOrders).toHaveLength(first.orders);

	// The duplicate flag on the profile, with the reasons in words.
	const flag = profile.getByRole('status').filter({ hasText: 'Possible duplicate of' });
	await expect(flag).toContainText(secondName);
	await expect(flag).toContainText('same phone');
	await page.screenshot({ path: testInfo.outputPath('1-flagged.png') });
	await flag.getByRole('link', { name: 'Review' }).click();

	// Side by side: keep the first profile and its spelling of the family name.
	await expect(page.getByRole('heading', { name: 'Compare and merge' })).toBeVisible();
	const table = page.getByRole('table');
	await expect(table).toContainText(first.email);
	await expect(table).toContainText(second.email);
	const keep = page.getByRole('radio', { name: new RegExp(`^Keep ${firstName}`) });
	await keep.check();
	await expect(keep).toBeChecked();
	const familyName = table
		.getByRole('row', { name: /^Family name/ })
		.locator('label', { hasText: first.family })
		.getByRole('radio');
	await familyName.check();
	await expect(familyName).toBeChecked();
	await page.screenshot({ path: testInfo.outputPath('2-compare.png') });
	await page.getByRole('button', { name: 'Merge 2 profiles' }).click();

	// The kept profile shows every order of both, and says what was merged into it.
	await expect(page.getByRole('heading', { name: firstName, level: 2 })).toBeVisible();
	await expect(page.getByTestId('order-count')).toContainText(
		`${first.orders + second.orders} orders`
	);
	await expect.poll(() => ordersShown(page)).toEqual([...firstOrders, ...secondOrders].sort());
	const merged = profile.getByText(/Merged 1 profile into this one/);
	await expect(merged).toContainText('(1 order moved)');
	// The list beside it no longer offers the merged profile.
	await expect(firstHit).toBeVisible();
	await expect(secondHit).toBeHidden();
	await expect(profile.getByRole('list', { name: 'Emails' })).toContainText(second.email);
	await page.screenshot({ path: testInfo.outputPath('3-merged.png') });

	// The search now finds one live profile for the number.
	await page.goto('/customers');
	await page.getByLabel(/Name, email, phone/).fill(typed);
	await expect(firstHit).toBeVisible();
	await expect(secondHit).toBeHidden();
	await firstHit.click();

	// Undo: both profiles are back, each with its own orders.
	await profile.getByRole('button', { name: 'Undo merge' }).click();
	await expect(merged).toBeHidden();
	await expect(page.getByTestId('order-count')).toContainText(`${first.orders} orders`);
	await expect.poll(() => ordersShown(page)).toEqual(firstOrders);
	await expect(profile.getByRole('list', { name: 'Emails' })).not.toContainText(second.email);
	await expect(secondHit).toBeVisible();

	await page.goto('/customers');
	await page.getByLabel(/Name, email, phone/).fill(typed);
	await secondHit.click();
	await expect(page.getByRole('heading', { name: secondName, level: 2 })).toBeVisible();
	await expect(page.getByTestId('order-count')).toContainText(`${second.orders} order`);
	await expect.poll(() => ordersShown(page)).toEqual(secondOrders);
	await page.screenshot({ path: testInfo.outputPath('4-undone.png') });
});
