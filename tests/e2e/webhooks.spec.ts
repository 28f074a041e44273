import { expect, test } from '@playwright/test';
import { ADMIN_STATE, openApp, reauthenticateAdmin } from './staff';

// An admin's tablet screen (the phone project ignores this file: playwright.config.ts).
test.describe('Outbound webhooks', () => {
	test.use({ storageState: ADMIN_STATE });

	test('an admin adds an endpoint, copies its secret once, sends a test event and replays it', async ({
		page
	}, testInfo) => {
		test.setTimeout(120_000);
		await openApp(page);
		await reauthenticateAdmin(page);
		await page.goto('/admin/webhooks');
		await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible();

		const url = `https://erp-${Date.now().toString(36)}.example.com/ordo`;
		await page.getByRole('button', { name: 'New endpoint' }).click();
		await page.getByLabel('Address').fill('http://127.0.0.1/hooks');
		await page.getByRole('button', { name: 'Add endpoint' }).click();
		await expect(page.getByText(/public addresses/).first()).toBeVisible();
		await page.getByLabel('Address').fill(url);
		await page.getByLabel('Description').fill('ERP stock sync');
		await page.getByRole('checkbox', { name: /order\.\*/ }).check();
		await page.getByRole('button', { name: 'Add endpoint' }).click();

		const shown = page.getByRole('textbox', { name: 'Signing secret', exact: true });
		await expect(shown).toBeVisible();
		const secret = await shown.inputValue();
		expect(secret).toMatch(/^whsec_/);
		await page.getByRole('button', { name: 'Done' }).click();
		await expect(shown).toHaveCount(0);

		const row = page
			.getByRole('listitem')
			.filter({ has: page.getByRole('heading', { name: url }) });
		await expect(row.getByRole('list', { name: 'Events' })).toHaveText(
			/order\.\*\s*stock\.changed/
		);
		await expect(row).not.toContainText(secret);

		await row.getByRole('button', { name: `Actions for ${url}` }).click();
		await row.getByRole('button', { name: 'Send test event' }).click();
		await expect(page.getByText(/Test event queued/)).toBeVisible();

		await row.getByRole('link', { name: 'Delivery log' }).click();
		await expect(page.getByRole('heading', { name: 'Deliveries', level: 1 })).toBeVisible();
		const ping = page.getByRole('row').filter({ hasText: 'webhook.ping' });
		await expect(ping).toBeVisible();
		await ping.getByRole('button', { name: 'Replay' }).click();
		await expect(ping).toContainText('pending');
		await page.screenshot({ path: testInfo.outputPath('webhooks-log.png') });

		await page.getByRole('link', { name: '← All endpoints' }).click();
		const again = page
			.getByRole('listitem')
			.filter({ has: page.getByRole('heading', { name: url }) });
		await again.getByRole('button', { name: `Actions for ${url}` }).click();
		await again.getByRole('button', { name: 'Disable' }).click();
		await page.getByRole('alertdialog').getByRole('button', { name: 'Disable' }).click();
		await expect(again).toContainText('Disabled');
		await page.screenshot({ path: testInfo.outputPath('webhooks-list.png') });
	});
});
