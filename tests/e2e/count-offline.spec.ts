import { expect, test, type Page } from '@playwright/test';
import { serviceWorkerControls } from './fixtures';
import { outboxPill } from './outbox';
import { ADMIN_STATE, callApi, openApp, reauthenticateAdmin } from './staff';

// Issue 8's journey through issue 10's outbox: a bin counted on the phone with the network
// off, sent on reconnecting, and the variance approved by a manager on a tablet (the demo
// admin stands in for the manager: a fresh manager would first enrol an authenticator).

type TaskItem = {
	productId: string;
	sku: string;
	expected?: number;
	last: { status: string } | null;
};

/** An admin call, signing the admin in again if the saved session has gone idle. */
async function asAdmin(page: Page, method: string, path: string, body?: unknown) {
	let res = await callApi(page, method, path, body);
	if (res.status === 401) {
		await reauthenticateAdmin(page);
		await page.context().storageState({ path: ADMIN_STATE });
		res = await callApi(page, method, path, body);
	}
	expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
	return res.body;
}

test('a bin counted offline on the phone reaches the manager, who approves it', async ({
	page,
	context,
	browser
}, testInfo) => {
	test.setTimeout(90_000);
	const tablet = await browser.newContext({
		storageState: ADMIN_STATE,
		baseURL: testInfo.project.use.baseURL,
		viewport: { width: 1024, height: 768 },
		hasTouch: true
	});
	const manager = await tablet.newPage();
	await openApp(manager);
	// A variance over 1,000 units waits for a manager (only this journey counts that far off).
	await asAdmin(manager, 'PUT', '/api/counts/approval-thresholds', {
		units: 1000,
		valueMinor: null
	});
	const { items: found } = (await asAdmin(manager, 'GET', '/api/inventory/products?q=bag')) as {
		items: { stock: { locationId: string; code: string }[] }[];
	};
	const locationId = found[0]!.stock[0]!.locationId;
	const task = (await asAdmin(manager, 'POST', '/api/counts/tasks', { locationId })) as {
		id: string;
	};
	const detail = (await asAdmin(manager, 'GET', `/api/counts/tasks/${task.id}`)) as {
		items: TaskItem[];
	};
	const item = detail.items.find((i) => i.sku !== '85123A' && i.expected !== undefined)!;
	const counted = item.expected! + 1500;

	// The picker's phone, no signal in the aisle.
	await page.goto(`/counts/${task.id}`);
	await serviceWorkerControls(page);
	await context.setOffline(true);
	await page.getByLabel(`Counted ${item.sku}`).fill(String(counted));
	await page.getByRole('button', { name: `Save ${item.sku}` }).click();
	await expect(page.getByText('Waiting to send')).toBeVisible();
	await expect(outboxPill(page)).toHaveText('1 waiting');

	await context.setOffline(false);
	await expect(outboxPill(page)).toBeHidden();

	// The manager's tablet: the count waits for a decision, then is applied once.
	await manager.goto('/counts/approvals');
	await manager.getByRole('button', { name: `Approve ${item.sku}` }).click();
	await expect(manager.getByRole('button', { name: `Approve ${item.sku}` })).toHaveCount(0);
	const after = (await asAdmin(manager, 'GET', `/api/counts/tasks/${task.id}`)) as {
		items: TaskItem[];
	};
	expect(after.items.find((i) => i.productId === item.productId)?.last?.status).toBe('applied');
	await tablet.close();
});
