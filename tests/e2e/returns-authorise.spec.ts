import { expect, test } from '@playwright/test';
import { RETURNS_REP } from '../support/returns-rep';
import { RETURN_JOURNEY } from '../support/returns-e2e';
import { signIn } from './fixtures';

// A rep on the tablet authorises a two-line return: from the delivered order, picks both
// lines with reasons, sees what the policy says (eligibility in words, the fee, the refund
// estimate) BEFORE confirming, confirms, and gets a RET- number and a printable label.
test.describe('authorising a return', () => {
	test.use({ storageState: { cookies: [], origins: [] } });

	test('a rep starts a two-line return from a delivered order and prints its label', async ({
		page
	}, testInfo) => {
		await signIn(page, RETURNS_REP);
		await page.goto(`/orders?q=${RETURN_JOURNEY.orderNumber}`);
		await page
			.getByRole('list', { name: 'Orders found' })
			.getByRole('link', { name: new RegExp(RETURN_JOURNEY.orderNumber) })
			.click();
		await expect(page.getByRole('heading', { name: RETURN_JOURNEY.orderNumber })).toBeVisible();
		await page.getByRole('link', { name: 'Start return' }).click();

		await expect(
			page.getByRole('heading', { name: `Start a return from ${RETURN_JOURNEY.orderNumber}` })
		).toBeVisible();
		await page.getByLabel('Units of RJ-MUG to return').fill('1');
		await page.getByLabel('Reason for RJ-MUG').selectOption('too_small');
		await page.getByLabel('Units of RJ-TOTE to return').fill('1');
		await page.getByLabel('Reason for RJ-TOTE').selectOption('stopped_working');

		// What the policy says, before anything is written.
		const mug = page.getByTestId('eligibility-1');
		await expect(mug).toContainText('Eligible');
		await expect(mug).toContainText(/day/);
		await expect(page.getByTestId('eligibility-2')).toContainText('Eligible');
		await expect(page.getByTestId('refund-estimate')).toHaveText(/36\.50/);
		await page.screenshot({ path: testInfo.outputPath('return-preview.png') });

		await page.getByRole('button', { name: 'Authorise return' }).click();
		const number = page.getByTestId('return-number');
		await expect(number).toHaveText(/^RET-\d+$/);
		const ret = (await number.textContent())!;
		await expect(page.getByTestId('return-status')).toHaveText('authorised');
		await expect(page.getByTestId('line-status-1')).toHaveText('authorised');
		await expect(page.getByTestId('line-status-2')).toHaveText('authorised');
		await expect(page.getByText('policy version 1')).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Timeline' })).toBeVisible();
		await expect(page.locator('[data-kind="return.authorised"]')).toBeVisible();

		await page.getByRole('link', { name: 'Print label' }).click();
		await expect(page.getByTestId('label-number')).toHaveText(ret);
		await expect(
			page.getByRole('img', { name: `Return number ${ret} as a barcode` })
		).toBeVisible();
		await expect(page.getByText(RETURN_JOURNEY.orderNumber)).toBeVisible();
		await page.screenshot({ path: testInfo.outputPath('return-label.png') });
	});
});
