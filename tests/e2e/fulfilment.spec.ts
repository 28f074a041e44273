import { expect, test } from '@playwright/test';
import { callApi } from './staff';

type Line = { sku: string; barcode: string | null; outstanding: number };
type Order = { orderId: string; number: string; pickingShipmentId: string | null; lines: Line[] };
type ShipmentLine = { sku: string; barcode: string | null; quantity: number };

// The seed's paid orders hold reservations at MAIN; the signed-in demo warehouse user picks.
test.describe('fulfilment on the phone', () => {
	test('pick by scanning barcodes, see a wrong item named, pack, ship, print the slip', async ({
		page
	}, testInfo) => {
		await page.goto('/pick');
		await expect(page.getByRole('heading', { name: 'Pick', level: 1 })).toBeVisible();
		const location = page.getByLabel('Location');
		await expect(location).toContainText('MAIN');
		const locationId = await location.inputValue();

		// The smallest fresh order on the first page whose items all have barcodes: the
		// page the picker sees (25, the list's default), so a second run of this journey
		// against the same server (phone, then tablet) still finds its button.
		const list = await callApi(page, 'GET', `/api/fulfilment/pick-list?locationId=${locationId}`);
		expect(list.status).toBe(200);
		const units = (o: Order) => o.lines.reduce((n, l) => n + l.outstanding, 0);
		const order = (list.body.items as Order[])
			.filter((o) => !o.pickingShipmentId && o.lines.length > 0 && o.lines.every((l) => l.barcode))
			.sort((a, b) => units(a) - units(b))[0];
		expect(order, 'the seed has a paid order to pick at MAIN').toBeTruthy();

		await page.screenshot({ path: testInfo.outputPath('1-pick-list.png') });
		await page.getByRole('button', { name: `Start picking ${order!.number}` }).click();
		await expect(page).toHaveURL(/\/pick\/shipments\/[^/]+$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(order!.number);
		const scan = page.getByLabel('Scan an item');
		await expect(scan).toBeFocused();

		const shipmentId = page.url().split('/').at(-1)!;
		const shipment = await callApi(page, 'GET', `/api/fulfilment/shipments/${shipmentId}`);
		const lines = shipment.body.lines as ShipmentLine[];

		// A wrong item: a product of another order. The phone says which was scanned and which is expected.
		const other = (list.body.items as Order[])
			.flatMap((o) => o.lines)
			.find((l) => l.barcode && !lines.some((x) => x.sku === l.sku));
		// Shift first, typed as scanner.spec types a scanner (a busy page must not split it).
		await scan.focus();
		await page.keyboard.press('Shift');
		await page.keyboard.type(other!.barcode!, { delay: 5 });
		await page.keyboard.press('Enter');
		const outcome = page.getByTestId('scan-outcome');
		await expect(outcome).toContainText('Wrong item');
		await expect(outcome).toContainText(other!.sku);
		await expect(outcome).toContainText(`Expected: `);
		await expect(outcome).toContainText(lines[0]!.sku);
		await page.screenshot({ path: testInfo.outputPath('2-wrong-item.png') });

		// A hardware scanner: a fast burst of digits, then Enter, for every unit.
		const total = lines.reduce((n, l) => n + l.quantity, 0);
		for (const line of lines)
			for (let i = 0; i < line.quantity; i++) {
				// Shift first, typed as scanner.spec types a scanner (a busy page must not split it).
				await scan.focus();
				await page.keyboard.press('Shift');
				await page.keyboard.type(line.barcode!, { delay: 5 });
				await page.keyboard.press('Enter');
			}
		await expect(page.getByText(`${total} of ${total} picked`)).toBeVisible();
		await expect(outcome).toContainText('Picked');
		await page.screenshot({ path: testInfo.outputPath('3-picked.png') });

		await page.getByRole('button', { name: 'Pack', exact: true }).click();
		await page.getByLabel('Carrier').fill('Royal Mail');
		await page.getByLabel('Tracking number').fill('RM 1234 5678 GB');
		await page.screenshot({ path: testInfo.outputPath('4-ship.png') });
		await page.getByRole('button', { name: 'Ship' }).click();
		await expect(page.getByText('Shipped with Royal Mail')).toBeVisible();

		const after = await callApi(page, 'GET', `/api/fulfilment/shipments/${shipmentId}`);
		expect(after.body).toMatchObject({
			status: 'shipped',
			orderStatus: 'shipped',
			fulfilmentStatus: 'fulfilled'
		});

		await page.getByRole('link', { name: 'Packing slip' }).click();
		const slip = page.getByRole('article', { name: 'Packing slip' });
		await expect(slip).toContainText(order!.number);
		for (const line of lines) await expect(slip).toContainText(line.sku);
		await page.emulateMedia({ media: 'print' });
		await page.screenshot({ path: testInfo.outputPath('5-slip-print.png'), fullPage: true });
		await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
	});
});
