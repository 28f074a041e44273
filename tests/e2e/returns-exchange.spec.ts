import { expect, test, type Page } from '@playwright/test';
import { RETURNS_REP } from '../support/returns-rep';
import { EXCHANGE_JOURNEY } from '../support/journey-e2e';
import { WAREHOUSE_STATE } from './auth-state';
import { findProduct, signIn } from './fixtures';

// Issue 11's second journey: an exchange for another variant stays on the ORIGINAL order.
// A rep on the tablet authorises the return of a T-shirt in M; the parcel is scanned in at
// the warehouse; the rep exchanges it for the L (same price) from the return page; the
// order page then shows the replacement line, and the L's stock is reserved for it.

type Stock = { stock: { code: string; onHand: number; reserved: number }[] };

/** A same-origin call from inside a page (the app's own way to the API), with headers. */
async function call(page: Page, method: string, path: string, body?: unknown, key?: string) {
	return page.evaluate(
		async ({ method, path, body, key }) => {
			const headers: Record<string, string> = { 'content-type': 'application/json' };
			if (key) headers['idempotency-key'] = key;
			const res = await fetch(path, {
				method,
				headers,
				body: body === undefined ? undefined : JSON.stringify(body)
			});
			return { status: res.status, body: (await res.json()) as Record<string, unknown> };
		},
		{ method, path, body, key }
	);
}

async function reservedAtMain(page: Page, productId: string): Promise<number> {
	const res = await page.request.get(`/api/inventory/products/${productId}`);
	expect(res.ok()).toBe(true);
	const { stock } = (await res.json()) as Stock;
	return stock.find((s) => s.code === 'MAIN')?.reserved ?? 0;
}

test.use({ storageState: { cookies: [], origins: [] } });

test('a rep exchanges a T-shirt for another size on the original order', async ({
	page,
	browser
}, testInfo) => {
	test.setTimeout(120_000);
	const { orderNumber, medium, large } = EXCHANGE_JOURNEY;
	const shot = (name: string) =>
		page.screenshot({ path: testInfo.outputPath(name), fullPage: true });

	await signIn(page, RETURNS_REP);
	await page.goto(`/returns/new?order=${orderNumber}`);
	await expect(
		page.getByRole('heading', { name: `Start a return from ${orderNumber}` })
	).toBeVisible();
	await page.getByLabel(`Units of ${medium.sku} to return`).fill('1');
	await page.getByLabel(`Reason for ${medium.sku}`).selectOption('too_small');
	await expect(page.getByTestId('eligibility-1')).toContainText('Eligible');
	await page.getByRole('button', { name: 'Authorise return' }).click();
	await expect(page.getByTestId('return-number')).toHaveText(/^RET-\d+$/, { timeout: 20_000 });
	const returnId = /\/returns\/([\w-]+)$/.exec(new URL(page.url()).pathname)![1]!;

	// The parcel arrives: the warehouse scans the T-shirt in (the receiving journey's screen
	// is tested on its own; here it is the same route the phone's outbox sends to).
	const warehouse = await browser.newContext({
		storageState: WAREHOUSE_STATE,
		baseURL: testInfo.project.use.baseURL
	});
	const bench = await warehouse.newPage();
	await bench.goto('/returns/receive');
	const receipt = await call(
		bench,
		'POST',
		`/api/returns/${returnId}/receipts`,
		{ code: medium.barcode, deviceTime: new Date().toISOString() },
		crypto.randomUUID()
	);
	expect(receipt.status, JSON.stringify(receipt.body)).toBeLessThan(300);
	await warehouse.close();

	const tee = await findProduct(page, large.sku);
	const reservedBefore = await reservedAtMain(page, tee.id);

	// The rep exchanges it for the L from the return page.
	await page.reload();
	await expect(page.getByTestId('line-status-1')).toHaveText('received', { timeout: 20_000 });
	await expect(page.getByRole('heading', { name: 'Money back' })).toBeVisible();
	await page.getByLabel('Outcome for line 1').selectOption('exchange');
	const sku = page.getByLabel('Replacement SKU (blank: the same item)');
	await expect(sku).toBeVisible();
	await sku.fill(large.sku);
	await shot('1-exchange-chosen.png');
	await page.getByRole('button', { name: 'Confirm outcomes' }).click();
	await expect(page.getByTestId('line-status-1')).toHaveText('resolved', { timeout: 20_000 });
	await expect(page.getByText('(replacement: order line 2)')).toBeVisible();
	await shot('2-exchanged.png');

	// The original order carries the replacement line, at the original price.
	await page.goto(`/orders?q=${orderNumber}`);
	await page
		.getByRole('list', { name: 'Orders found' })
		.getByRole('link', { name: new RegExp(orderNumber) })
		.click();
	await expect(page.getByRole('heading', { name: orderNumber })).toBeVisible();
	const replacement = page.getByRole('row').filter({ hasText: large.sku });
	await expect(replacement).toContainText(large.name);
	await expect(replacement).toContainText('18.00');
	await expect(replacement).toContainText('Exchange for line 1: paid by the returned item');
	// The summary adds up: the returned item's value is its own row, so Subtotal £36 less
	// £18 returned for exchange is the £18 total the customer paid.
	await expect(page.getByTestId('order-exchanged')).toContainText('18.00');
	await expect(page.getByTestId('order-total')).toContainText('18.00');
	await shot('3-order-replacement.png');

	// Its stock is held for the replacement.
	expect(await reservedAtMain(page, tee.id)).toBe(reservedBefore + 1);
});
