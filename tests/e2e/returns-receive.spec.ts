import { expect, test } from '@playwright/test';
import { RECEIVING_JOURNEY } from '../support/receiving-factory';
import { serviceWorkerControls } from './fixtures';
import { outboxPill, serverApi } from './outbox';
import { scanKeys as scan } from './scanner-keys';

// Issue 11's warehouse journey on a phone: the network off, the return's label and two
// items scanned with a hardware scanner (one not on the return), reconnecting, each scan
// received once on the server; then inspection restocks one item and quarantines the other.

type Receiving = {
	receipts: { expected: boolean; flag: string | null }[];
	units: { productName: string | null; disposition: string | null; grade: string | null }[];
	lines: { status: string; received: number }[];
};

test('a return received offline on a phone, then inspected', async ({
	page,
	context
}, testInfo) => {
	test.setTimeout(90_000);
	const api = await serverApi(testInfo);
	const expected = await api.get('/api/returns/receiving/expected');
	expect(expected.ok()).toBe(true);
	const { items } = (await expected.json()) as {
		items: { id: string; number: string; lines: { name: string }[] }[];
	};
	const ret = items.find((r) => r.lines.some((l) => l.name === RECEIVING_JOURNEY.mug.name))!;
	expect(ret).toBeTruthy();

	// Online once: the page keeps the returns on their way in for offline use.
	await page.goto('/returns/receive');
	await serviceWorkerControls(page);
	await expect(page.getByText(/returns? on their way in/)).toBeVisible();

	await context.setOffline(true);
	await scan(page, ret.number);
	await expect(page.getByTestId('receive-outcome')).toHaveText(`${ret.number}: scan each item`);
	await scan(page, RECEIVING_JOURNEY.mug.barcode);
	await expect(page.getByTestId('receive-outcome')).toHaveText(
		`${RECEIVING_JOURNEY.mug.name}: received`
	);
	await scan(page, RECEIVING_JOURNEY.stray.barcode);
	await expect(page.getByTestId('receive-outcome')).toContainText('not expected');
	// A card number scanned or typed is neither listed, queued nor shown back.
	await scan(page, '4111111111111111');
	await expect(page.getByTestId('scan-status')).toContainText('looks like a card number');
	await expect(page.getByTestId('scan-status')).not.toContainText('4111');
	await expect(page.getByTestId('receive-outcome')).not.toContainText('4111');
	await expect(page.getByTestId('receive-progress')).toHaveText('1 of 2 received, 1 unexpected');
	await expect(page.getByTestId('receive-entries').getByText('Waiting to send')).toHaveCount(2);
	await expect(outboxPill(page)).toHaveText('2 waiting');
	await page.screenshot({ path: testInfo.outputPath('offline.png') });

	await context.setOffline(false);
	await expect(outboxPill(page)).toBeHidden({ timeout: 20_000 });

	const view = async () =>
		(await (await api.get(`/api/returns/${ret.id}/receiving`)).json()) as Receiving;
	const received = await view();
	expect(received.receipts).toHaveLength(2);
	expect(received.receipts.map((r) => r.expected).sort()).toEqual([false, true]);
	expect(received.receipts.find((r) => !r.expected)?.flag).toContain(
		`Not on ${ret.number} and not from`
	);
	expect(received.lines.map((l) => l.received)).toEqual([1, 0]);

	// Inspection at the bench: the mug goes back on the shelf, the stray vase waits.
	await page.goto(`/returns/receive/${ret.id}`);
	const mug = page.getByRole('form', { name: `Inspect ${RECEIVING_JOURNEY.mug.name}` });
	await mug.getByLabel(`Grade of ${RECEIVING_JOURNEY.mug.name}`).selectOption('new');
	await mug.getByLabel(`Disposition of ${RECEIVING_JOURNEY.mug.name}`).selectOption('restock');
	await mug.getByRole('button', { name: /Save inspection/ }).click();
	await expect(page.getByText('Restocked · new')).toBeVisible();
	const vase = page.getByRole('form', { name: `Inspect ${RECEIVING_JOURNEY.stray.name}` });
	await vase.getByLabel(`Grade of ${RECEIVING_JOURNEY.stray.name}`).selectOption('opened');
	await vase
		.getByLabel(`Disposition of ${RECEIVING_JOURNEY.stray.name}`)
		.selectOption('quarantine');
	await vase.getByRole('button', { name: /Save inspection/ }).click();
	await expect(page.getByText('In quarantine · opened')).toBeVisible();
	await page.screenshot({ path: testInfo.outputPath('inspected.png'), fullPage: true });

	const inspected = await view();
	expect(Object.fromEntries(inspected.units.map((u) => [u.productName, u.disposition]))).toEqual({
		[RECEIVING_JOURNEY.mug.name]: 'restock',
		[RECEIVING_JOURNEY.stray.name]: 'quarantine'
	});
	expect(inspected.lines[0]!.status).toBe('inspected');
	await api.dispose();
});
