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

/** Whether this device keeps a count task for offline (web/lib/offline/counts-open.ts). */
const keptOffline = (page: Page, taskId: string) =>
	page.evaluate(async (key) => {
		const names = (await indexedDB.databases()).map((d) => d.name);
		if (!names.includes('ordo-offline')) return false;
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const open = indexedDB.open('ordo-offline');
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const found = await new Promise<boolean>((resolve) => {
			const get = db.transaction('lists').objectStore('lists').get(key);
			get.onsuccess = () => resolve(get.result !== undefined);
			get.onerror = () => resolve(false);
		});
		db.close();
		return found;
	}, `count-task:${taskId}`);

test('the open counts at my location open offline from cold, and a line counted there is applied once', async ({
	page,
	context,
	browser
}, testInfo) => {
	test.setTimeout(90_000);
	// The manager asks for a count at the picker's location (the first by code) before the
	// picker's phone starts the app.
	const office = await browser.newContext({
		storageState: ADMIN_STATE,
		baseURL: testInfo.project.use.baseURL
	});
	const manager = await office.newPage();
	await openApp(manager);
	const { items: locations } = (await asAdmin(manager, 'GET', '/api/fulfilment/locations')) as {
		items: { id: string; code: string }[];
	};
	const note = `offline cold ${testInfo.project.name} ${Date.now().toString(36)}`;
	const task = (await asAdmin(manager, 'POST', '/api/counts/tasks', {
		locationId: locations[0]!.id,
		note
	})) as { id: string };
	const detail = (await asAdmin(manager, 'GET', `/api/counts/tasks/${task.id}`)) as {
		items: TaskItem[];
	};
	await office.close();
	// One the other count journeys do not count (they take the first), counted as the system
	// holds it: no variance, so it is applied whatever thresholds another journey set.
	const item = detail.items.findLast((i) => i.sku !== '85123A' && i.expected !== undefined)!;

	// Online once: the app keeps this person's last-known data, the open count with it.
	await page.goto('/products');
	await serviceWorkerControls(page);
	await expect.poll(() => keptOffline(page, task.id), { timeout: 20_000 }).toBe(true);

	// No signal: the counts list opened from cold (no page of the app in memory).
	await context.setOffline(true);
	await page.goto('/counts');
	await expect(page.getByRole('status').filter({ hasText: 'Last known open counts' })).toHaveText(
		/^Last known open counts, as of \d\d:\d\d — offline$/
	);
	await page.getByRole('link', { name: new RegExp(note) }).click();
	await expect(page).toHaveURL(new RegExp(`/counts/${task.id}$`));
	await expect(page.getByRole('status').filter({ hasText: 'Last known count' })).toHaveText(
		/^Last known count, as of \d\d:\d\d — offline$/
	);
	const field = page.getByLabel(`Counted ${item.sku}`, { exact: true });
	await field.fill(String(item.expected));
	await page.getByRole('button', { name: `Save ${item.sku}`, exact: true }).click();
	const row = page.getByRole('listitem').filter({ has: field });
	await expect(row.getByText('Waiting to send')).toBeVisible();
	await expect(outboxPill(page)).toHaveText('1 waiting');
	await page.screenshot({ path: testInfo.outputPath('count-offline-cold.png') });

	// Back in signal: sent once, applied once.
	await context.setOffline(false);
	await expect(outboxPill(page)).toBeHidden();
	const movements = await page.request.get(
		`/api/inventory/products/${item.productId}/movements?kind=count&limit=100`
	);
	expect(movements.ok()).toBe(true);
	const { items: moved } = (await movements.json()) as { items: { reference: string | null }[] };
	expect(moved.filter((m) => m.reference === task.id)).toHaveLength(1);
	const after = (await callApi(page, 'GET', `/api/counts/tasks/${task.id}`)).body as {
		items: TaskItem[];
	};
	expect(after.items.find((i) => i.productId === item.productId)?.last?.status).toBe('applied');
});
