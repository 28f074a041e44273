import { expect, test } from '@playwright/test';
import { RETURNS_REP } from '../support/returns-rep';
import { CLAIM_ORDER } from '../support/claims-e2e';
import { signIn } from './fixtures';
import { ADMIN_STATE } from './staff';

// A rep on a tablet files a damaged-item claim with a refund from the order (no return
// needed); the returns report then shows the claim.
test('a rep files a damaged-item claim with a refund, and the report shows it', async ({
	page,
	browser
}, testInfo) => {
	await signIn(page, RETURNS_REP);
	await page.goto(`/returns/claims/new?order=${CLAIM_ORDER}`);
	await expect(page.getByRole('heading', { name: `New claim on ${CLAIM_ORDER}` })).toBeVisible();
	await page.getByLabel('What happened').selectOption('damaged');
	await page.getByLabel('Units of E2E-TEAPOT to claim').fill('1');
	await page.getByRole('radio', { name: /Refund/ }).check();
	await expect(page.getByText('Refund (£24.00)')).toBeVisible();
	await page.getByLabel('Note').fill('Spout snapped in transit; photo sent by email');
	await page.screenshot({ path: testInfo.outputPath('1-claim-form.png') });
	await page.getByRole('button', { name: 'File claim' }).click();
	const filed = page.getByTestId('claim-filed');
	await expect(filed).toContainText(/Claim RET-\d+ filed/);
	await expect(filed).toContainText('A refund of £24.00');
	await page.screenshot({ path: testInfo.outputPath('2-claim-filed.png') });

	const manager = await browser.newContext({ storageState: ADMIN_STATE });
	const reports = await manager.newPage();
	await reports.goto('/reports/returns?table=claims-by-kind');
	const table = reports.getByTestId('returns-report');
	const row = table.getByRole('row').filter({ hasText: 'damaged' });
	await expect(row).toContainText('£24.00');
	await reports.screenshot({ path: testInfo.outputPath('3-report.png') });
	await manager.close();
});
