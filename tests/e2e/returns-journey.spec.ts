import { devices, expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { RETURNS_REP } from '../support/returns-rep';
import { ROUND_TRIP } from '../support/journey-e2e';
import { WAREHOUSE_STATE } from './auth-state';
import { findProduct, serviceWorkerControls, signIn } from './fixtures';
import { outboxPill, serverApi } from './outbox';
import { scanKeys as scan } from './scanner-keys';

// Issue 11's whole journey, one return from start to money back: a rep on a tablet
// authorises a two-line return; a warehouse user on a phone with the network off scans
// the label, both items and one item that is not on the return, then reconnects and each
// scan is received exactly once; inspection restocks line 1 and quarantines line 2; the
// rep resolves with a refund to the sandbox payment; stock, the ledger, quarantine and
// the return's timeline (the customer's history) show each step.

type Receiving = {
	receipts: { expected: boolean; code: string }[];
	units: { productName: string | null; disposition: string | null }[];
	lines: { status: string; received: number }[];
};

async function json<T>(api: APIRequestContext, path: string): Promise<T> {
	const res = await api.get(path);
	expect(res.ok(), `${path}: ${res.status()}`).toBe(true);
	return (await res.json()) as T;
}

async function onHandAtMain(api: APIRequestContext, productId: string): Promise<number> {
	const p = await json<{ stock: { code: string; onHand: number }[] }>(
		api,
		`/api/inventory/products/${productId}`
	);
	return p.stock.find((s) => s.code === 'MAIN')?.onHand ?? 0;
}

test.use({ storageState: { cookies: [], origins: [] } });

test('a return from the rep’s tablet through the phone offline to the refund', async ({
	page,
	browser
}, testInfo) => {
	test.setTimeout(300_000);
	const shot = (p: Page, name: string) =>
		p.screenshot({ path: testInfo.outputPath(name), fullPage: true });
	const { jug, scarf, stray, orderNumber } = ROUND_TRIP;

	// 1. The rep, at the tablet, authorises both lines.
	await signIn(page, RETURNS_REP);
	await page.goto(`/returns/new?order=${orderNumber}`);
	await expect(
		page.getByRole('heading', { name: `Start a return from ${orderNumber}` })
	).toBeVisible();
	await page.getByLabel(`Units of ${jug.sku} to return`).fill('1');
	await page.getByLabel(`Reason for ${jug.sku}`).selectOption('too_small');
	await page.getByLabel(`Units of ${scarf.sku} to return`).fill('1');
	await page.getByLabel(`Reason for ${scarf.sku}`).selectOption('too_small');
	await expect(page.getByTestId('eligibility-1')).toContainText('Eligible');
	await expect(page.getByTestId('eligibility-2')).toContainText('Eligible');
	await page.getByRole('button', { name: 'Authorise return' }).click();
	const numberEl = page.getByTestId('return-number');
	await expect(numberEl).toHaveText(/^RET-\d+$/, { timeout: 20_000 });
	const number = (await numberEl.textContent())!;
	const returnId = /\/returns\/([\w-]+)$/.exec(new URL(page.url()).pathname)![1]!;
	await expect(page.getByTestId('return-status')).toHaveText('authorised');
	await shot(page, '1-authorised-tablet.png');

	const jugProduct = await findProduct(page, jug.sku);
	const scarfProduct = await findProduct(page, scarf.sku);
	const jugBefore = await onHandAtMain(page.request, jugProduct.id);
	// The warehouse's view of what arrived (receiving is theirs: returns.receive).
	const warehouseApi = await serverApi(testInfo);

	// 2. The warehouse phone: online once for the returns on their way in, then no network.
	const phoneContext = await browser.newContext({
		...devices['Pixel 5'],
		storageState: WAREHOUSE_STATE,
		baseURL: testInfo.project.use.baseURL,
		viewport: { width: 360, height: 740 },
		isMobile: true,
		hasTouch: true
	});
	const phone = await phoneContext.newPage();
	await phone.goto('/returns/receive');
	await serviceWorkerControls(phone);
	await expect(phone.getByText(/returns? on their way in/)).toBeVisible({ timeout: 20_000 });

	await phoneContext.setOffline(true);
	await scan(phone, number);
	const outcome = phone.getByTestId('receive-outcome');
	await expect(outcome).toHaveText(`${number}: scan each item`);
	await scan(phone, jug.barcode);
	await expect(outcome).toHaveText(`${jug.name}: received`);
	await scan(phone, scarf.barcode);
	await expect(outcome).toHaveText(`${scarf.name}: received`);
	await scan(phone, stray.barcode);
	await expect(outcome).toContainText('not expected');
	await expect(phone.getByTestId('receive-progress')).toHaveText('2 of 2 received, 1 unexpected');
	await expect(phone.getByTestId('receive-entries').getByText('Waiting to send')).toHaveCount(3);
	await expect(outboxPill(phone)).toHaveText('3 waiting');
	await shot(phone, '2-offline-phone.png');

	// Nothing reached the server while offline: no stock, no money, no receipt.
	const offline = await json<Receiving>(warehouseApi, `/api/returns/${returnId}/receiving`);
	expect(offline.receipts).toHaveLength(0);

	await phoneContext.setOffline(false);
	await expect(outboxPill(phone)).toBeHidden({ timeout: 30_000 });
	const received = await json<Receiving>(warehouseApi, `/api/returns/${returnId}/receiving`);
	// Exactly once each: three scans, three receipts (one unexpected), one unit per line.
	expect(received.receipts).toHaveLength(3);
	expect(received.receipts.filter((r) => !r.expected).map((r) => r.code)).toEqual([stray.barcode]);
	expect(received.lines.map((l) => l.received)).toEqual([1, 1]);
	// Received into quarantine: the jug is not back on the shelf yet.
	expect(await onHandAtMain(page.request, jugProduct.id)).toBe(jugBefore);

	// 3. Inspection at the bench, on the phone: the jug back on the shelf, the scarf held.
	await phone.goto(`/returns/receive/${returnId}`);
	const jugForm = phone.getByRole('form', { name: `Inspect ${jug.name}` });
	await jugForm.getByLabel(`Grade of ${jug.name}`).selectOption('new');
	await jugForm.getByLabel(`Disposition of ${jug.name}`).selectOption('restock');
	await jugForm.getByRole('button', { name: /Save inspection/ }).click();
	await expect(phone.getByText('Restocked · new')).toBeVisible({ timeout: 20_000 });
	const scarfForm = phone.getByRole('form', { name: `Inspect ${scarf.name}` });
	await scarfForm.getByLabel(`Grade of ${scarf.name}`).selectOption('opened');
	await scarfForm.getByLabel(`Disposition of ${scarf.name}`).selectOption('quarantine');
	await scarfForm.getByRole('button', { name: /Save inspection/ }).click();
	await expect(phone.getByText('In quarantine · opened')).toBeVisible({ timeout: 20_000 });
	await shot(phone, '3-inspected-phone.png');
	await phoneContext.close();

	// 4. Back on the tablet: the rep refunds the restocked line to the original payment.
	await page.reload();
	await expect(page.getByTestId('line-status-1')).toHaveText('inspected', { timeout: 20_000 });
	await page.getByLabel('Outcome for line 1').selectOption('refund');
	await page.getByRole('button', { name: 'Confirm outcomes' }).click();
	await expect(page.getByTestId('line-status-1')).toHaveText('resolved', { timeout: 20_000 });
	await expect(page.locator('[data-refund-status]')).toHaveCount(1);
	await shot(page, '4-resolved-tablet.png');

	// The refund is recorded pending; the scheduled refund job sends it to the sandbox
	// provider once it is a minute old (REFUND_SEND_AFTER_MS: a resolve retried in that
	// minute finds it unsent). wrangler dev fires the worker's scheduled handler on request,
	// so the journey fires the quarter-hour jobs until the provider's answer is back.
	type Refunds = { refunds: { status: string; kind: string; amountMinor: number }[] };
	const refundsNow = async () =>
		(await json<Refunds>(page.request, `/api/returns/${returnId}/resolution`)).refunds;
	expect(await refundsNow()).toEqual([
		expect.objectContaining({ kind: 'return', amountMinor: 3200, status: 'pending' })
	]);
	await expect
		.poll(
			async () => {
				const cron = await page.request.get(
					`/cdn-cgi/local/scheduled?cron=${encodeURIComponent('*/15 * * * *')}`
				);
				expect(cron.status()).toBe(200);
				return (await refundsNow()).map((r) => r.status);
			},
			{ timeout: 150_000, intervals: [5_000] }
		)
		.toEqual(['succeeded']);
	await page.reload();
	await expect(page.locator('[data-refund-status="succeeded"]')).toBeVisible();
	await shot(page, '4b-refunded-tablet.png');

	// 5. Stock, ledger, quarantine and the timeline show each step.
	expect(await onHandAtMain(page.request, jugProduct.id)).toBe(jugBefore + 1);
	const movements = await json<{ items: { kind: string; onHandDelta: number }[] }>(
		page.request,
		`/api/inventory/products/${jugProduct.id}/movements?kind=return_restock`
	);
	expect(movements.items.map((m) => m.onHandDelta)).toEqual([1]);
	const quarantine = await json<{ units: number }>(
		page.request,
		`/api/returns/receiving/quarantine/${scarfProduct.id}`
	);
	expect(quarantine.units).toBe(1);
	await page.goto(`/products/${scarfProduct.id}`);
	await expect(page.getByTestId('quarantine')).toHaveText('In quarantine (returns): 1');

	await page.goto(`/returns/${returnId}`);
	for (const kind of [
		'return.authorised',
		'return.received',
		'return.inspected',
		'return.resolved'
	])
		await expect(page.locator(`[data-kind="${kind}"]`).first()).toBeVisible();
	await shot(page, '5-timeline-tablet.png');
	await warehouseApi.dispose();
});
