import { expect, test, type Page } from '@playwright/test';
import { SIGNED_OUT, WAREHOUSE_STATE } from './auth-state';
import { signIn } from './fixtures';
import { callApi } from './staff';

type Stock = { locationId: string; code: string; available: number };
type Product = { id: string; sku: string; barcode: string | null; name: string; available: number };

/** A customer the demo shop knows, with an email to find them by. */
async function existingCustomer(page: Page) {
	const orders = await callApi(page, 'GET', '/api/orders?limit=50');
	expect(orders.status).toBe(200);
	const items = orders.body.items as { customer: { name: string; email: string | null } | null }[];
	const customer = items.map((o) => o.customer).find((c) => c?.email);
	expect(customer, 'the seed has orders from customers with an email').toBeTruthy();
	return customer!;
}

/** A product with a barcode and units free at MAIN, for the picker to scan. */
async function stockedProduct(page: Page) {
	const found = await callApi(page, 'GET', '/api/inventory/products?q=heart&limit=20');
	for (const product of found.body.items as Product[]) {
		if (!product.barcode || product.available < 2) continue;
		const detail = await callApi(page, 'GET', `/api/inventory/products/${product.id}`);
		const main = (detail.body.stock as Stock[]).find((s) => s.code === 'MAIN' && s.available >= 2);
		if (main) return { product, main };
	}
	throw new Error('the seed has no heart product with a barcode in stock at MAIN');
}

// The rep's tablet journey; the picker's phone is its own browser context below.
test.use({ storageState: SIGNED_OUT });

test('a phone order: taken on the tablet, paid on the hosted page, picked, packed and shipped on a phone', async ({
	page,
	browser
}, testInfo) => {
	test.setTimeout(120_000);
	await signIn(page, 'support');
	const customer = await existingCustomer(page);
	const { product, main } = await stockedProduct(page);

	// The rep: find the caller, scan the product in, ship it, place the order.
	await page.getByRole('link', { name: 'Orders' }).first().click();
	await expect(page.getByRole('heading', { name: 'Orders', level: 1 })).toBeVisible();
	await page.screenshot({ path: testInfo.outputPath('1-orders.png') });
	await page.getByRole('link', { name: 'New phone order' }).click();
	await page.getByLabel('Find the customer').fill(customer.email!);
	await page
		.getByRole('list', { name: 'Customers found' })
		.getByRole('button', { name: `Choose ${customer.name}` })
		.first()
		.click();
	await expect(page.getByTestId('chosen-customer')).toContainText(customer.name);

	// The rep types (or pastes) the barcode and presses Enter: an exact hit is added at once.
	// Scanner bursts are scanner.spec's journey: Playwright's keys on this busy page arrive
	// with gaps a real scanner never has, and split the burst.
	const add = page.getByLabel('Add a product');
	await add.fill(product.barcode!);
	await add.press('Enter');
	const lines = page.getByRole('list', { name: 'Order lines' });
	await expect(lines).toContainText(product.sku);
	// The same item again adds a unit to its line.
	await add.fill(product.barcode!);
	await add.press('Enter');
	await expect(page.getByLabel(`Quantity of ${product.sku}`)).toHaveValue('2');
	await page.getByLabel(`Ship from for ${product.sku}`).selectOption(main.locationId);
	await page.getByLabel('Method').selectOption('Royal Mail 1st class');
	await page.getByLabel('Address line 1').fill('1 Harbour Street');
	await page.getByLabel('Town or city').fill('Bristol');
	await page.getByLabel('Postcode').fill('BS1 4AA');
	await page.getByLabel('Note').fill('Leave with the neighbour if out');
	await page.screenshot({ path: testInfo.outputPath('2-new-order.png'), fullPage: true });
	// A double tap places one order (one Idempotency-Key per form).
	await page.getByRole('button', { name: 'Place order' }).dblclick();

	await expect(page).toHaveURL(/\/orders\/[^/]+$/);
	const heading = page.getByRole('heading', { level: 2, name: /^ORD-/ });
	await expect(heading).toBeVisible();
	const number = (await heading.textContent())!.trim();
	const orderId = page.url().split('/').at(-1)!;
	const mine = await callApi(page, 'GET', `/api/orders?q=${encodeURIComponent(customer.email!)}`);
	const placedNow = (mine.body.items as { number: string; status: string }[]).filter(
		(o) => o.status === 'pending_payment'
	);
	expect(placedNow.map((o) => o.number)).toEqual([number]);
	await expect(page.getByTestId('order-status')).toHaveText('Awaiting payment');

	await page.getByRole('button', { name: 'Send payment link' }).click();
	const link = page.getByTestId('payment-link');
	await expect(link).toBeVisible();
	await expect(page.getByRole('img', { name: 'QR code of the payment link' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Copy link' })).toBeVisible();
	await page.screenshot({ path: testInfo.outputPath('3-payment-link.png') });
	const url = (await link.getAttribute('href'))!;

	// The customer pays on the sandbox's own page; Ordo hears of it from the signed webhook.
	const customerPage = await page.context().newPage();
	await customerPage.goto(url);
	await customerPage.getByRole('button', { name: /^Pay / }).click();
	await customerPage.waitForLoadState();
	await customerPage.close();
	// The order page polls while a link is out; no reload needed.
	await expect(page.getByTestId('payment-status')).toHaveText('Paid', { timeout: 20_000 });
	await expect(page.getByTestId('order-status')).toHaveText('Paid');

	// The picker, on a phone.
	const phone = await browser.newContext({
		storageState: WAREHOUSE_STATE,
		viewport: { width: 360, height: 740 },
		isMobile: true,
		hasTouch: true
	});
	const picker = await phone.newPage();
	await picker.goto('/pick');
	await expect(picker.getByLabel('Location')).toContainText('MAIN');
	// The pick list is oldest first, and the demo seed's paid orders fill many pages
	// before this one: the picker starts it as the list's button does (the same POST),
	// then does the rest on the pick pages.
	const started = await callApi(picker, 'POST', `/api/fulfilment/orders/${orderId}/shipments`, {
		locationId: main.locationId
	});
	expect(started.status, JSON.stringify(started.body)).toBe(201);
	await picker.goto(`/pick/shipments/${started.body.id as string}`);
	await expect(picker.getByRole('heading', { level: 1 })).toHaveText(number);
	const scan = picker.getByLabel('Scan an item');
	// The picker's phone (not the rep's tablet page): each code typed into the scan box and
	// Entered; fulfilment.spec and scanner.spec cover a scanner's bursts.
	for (let i = 0; i < 2; i++) {
		await scan.fill(product.barcode!);
		await scan.press('Enter');
	}
	await expect(picker.getByText('2 of 2 picked')).toBeVisible();
	await picker.getByRole('button', { name: 'Pack', exact: true }).click();
	await picker.getByLabel('Carrier').fill('Royal Mail');
	await picker.getByLabel('Tracking number').fill('RM 5555 0000 GB');
	await picker.getByRole('button', { name: 'Ship' }).click();
	await expect(picker.getByText('Shipped with Royal Mail')).toBeVisible();
	await picker.screenshot({ path: testInfo.outputPath('4-shipped-phone.png') });
	await phone.close();

	// Back on the tablet: the timeline tells the whole story, newest first.
	await page.getByRole('button', { name: 'Refresh' }).click();
	await expect(page.getByTestId('order-status')).toHaveText('Shipped');
	const timeline = page.getByRole('list', { name: 'Timeline, newest first' });
	const steps = [
		/Order placed by phone/,
		/Payment link for .* sent/,
		/^Paid /,
		/Picking started/,
		/^Packed /,
		/^Shipped .* with Royal Mail/
	];
	const events = (await timeline.locator('.what').allTextContents()).map((t) => t.trim());
	const positions = steps.map((step) => events.findIndex((e) => step.test(e)));
	expect(positions, events.join('\n')).not.toContain(-1);
	// Newest first: each step sits above the one before it.
	expect([...positions].sort((a, b) => b - a)).toEqual(positions);
	await page.screenshot({ path: testInfo.outputPath('5-order-shipped.png'), fullPage: true });
});

test('a refund on the tablet: part of a paid order, then the rest, each on the timeline', async ({
	page
}, testInfo) => {
	test.setTimeout(90_000);
	await signIn(page, 'support');
	const { product, main } = await stockedProduct(page);
	const placed = await callApi(page, 'POST', '/api/orders', {
		lines: [{ productId: product.id, locationId: main.locationId, quantity: 2 }]
	});
	expect(placed.status, JSON.stringify(placed.body)).toBe(201);
	const orderId = placed.body.id as string;
	const link = await callApi(page, 'POST', `/api/orders/${orderId}/payment-link`, {});
	expect(link.status).toBe(201);
	const customerPage = await page.context().newPage();
	await customerPage.goto(link.body.url as string);
	await customerPage.getByRole('button', { name: /^Pay / }).click();
	await customerPage.waitForLoadState();
	await customerPage.close();

	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	await page.goto(`/orders/${orderId}`);
	await expect(page.getByTestId('payment-status')).toHaveText('Paid', { timeout: 20_000 });
	const refunds = page.getByTestId('refunds');
	const total = placed.body.totalMinor as number;
	await expect(refunds.getByTestId('refund-limit')).toContainText('can refund');

	// Part of it: one pound back. (Typed again until the page has hydrated and kept it.)
	const submit = refunds.getByRole('button', { name: /^Refund / });
	await expect(async () => {
		await refunds.getByLabel(/^Amount/).fill('1.00');
		await refunds.getByLabel('Reason').fill('scratched on arrival');
		await expect(submit).toBeEnabled({ timeout: 1000 });
	}).toPass();
	const answered = page.waitForResponse((r) => r.url().endsWith('/refunds'));
	await submit.click();
	const answer = await answered;
	expect(answer.status(), await answer.text()).toBe(201);
	await expect(page.getByTestId('payment-status')).toHaveText('Partially refunded');
	await expect(refunds.locator('li[data-status="succeeded"]')).toHaveCount(1);
	await page.screenshot({ path: testInfo.outputPath('refund-1-partial.png'), fullPage: true });

	// The rest: the quick button fills in exactly what is left.
	await refunds.getByRole('button', { name: /^All that is left/ }).click();
	await expect(refunds.getByLabel(/^Amount/)).toHaveValue(((total - 100) / 100).toFixed(2));
	await refunds.getByLabel('Reason').fill('customer returned the rest');
	await submit.click();
	await expect(page.getByTestId('payment-status')).toHaveText('Refunded');
	await expect(refunds.locator('li[data-status="succeeded"]')).toHaveCount(2);
	// Nothing left: the form is gone.
	await expect(refunds.getByRole('form', { name: 'Refund' })).toHaveCount(0);

	const timeline = page.getByRole('list', { name: 'Timeline, newest first' });
	const events = (await timeline.locator('.what').allTextContents()).map((t) => t.trim());
	const done = events.filter((e) => /^Refund of .* done/.test(e));
	expect(done, events.join('\n')).toHaveLength(2);
	await page.screenshot({ path: testInfo.outputPath('refund-2-full.png'), fullPage: true });
	expect(errors).toEqual([]);
});
