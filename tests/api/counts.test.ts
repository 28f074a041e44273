import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { countLines } from '../../db/schema/counts';
import { stockLevels, stockMovements } from '../../db/schema/inventory';
import { createLocation, createProduct, receiveStock } from '../support/factories';
import { createTestApi, type Session, type TestApi } from '../support/test-api';

let t: TestApi;
let warehouse: Session;
let manager: Session;
let location: Awaited<ReturnType<typeof createLocation>>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
	t = await createTestApi();
	location = await createLocation(t.db, { code: 'CNT', name: 'Count warehouse' });
	warehouse = await t.signIn('warehouse');
	manager = await t.signIn('manager');
});

/** A product with `onHand` units at the location, in bin `bin`. */
async function stocked(onHand: number, bin = 'A-01-1', priceMinor = 100) {
	const p = await createProduct(t.db, { priceMinor });
	await receiveStock(t.db, { productId: p.id, locationId: location.id, onHand });
	await t.db
		.update(stockLevels)
		.set({ bin })
		.where(and(eq(stockLevels.productId, p.id), eq(stockLevels.locationId, location.id)));
	return p;
}

async function createTask(body: Record<string, unknown> = {}) {
	const res = await t.request('/api/counts/tasks', {
		method: 'POST',
		session: manager,
		json: { locationId: location.id, assigneeId: warehouse.user.id, ...body }
	});
	expect(res.status).toBe(201);
	return (await res.json()) as { id: string; blind: boolean };
}

function submit(
	taskId: string,
	json: Record<string, unknown>,
	{
		key = crypto.randomUUID() as string | null,
		sentAt = null as string | null,
		session = warehouse
	} = {}
) {
	const headers: Record<string, string> = {};
	if (key) headers['idempotency-key'] = key;
	if (sentAt) headers['ordo-sent-at'] = sentAt;
	return t.request(`/api/counts/tasks/${taskId}/lines`, { method: 'POST', session, json, headers });
}

const line = (productId: string, counted: number, extra: Record<string, unknown> = {}) => ({
	productId,
	counted,
	countedAt: new Date().toISOString(),
	deviceId: 'phone-1',
	...extra
});

async function onHand(productId: string) {
	const [row] = await t.db
		.select({ onHand: stockLevels.onHand })
		.from(stockLevels)
		.where(and(eq(stockLevels.productId, productId), eq(stockLevels.locationId, location.id)));
	return row!.onHand;
}

async function countMovements(productId: string) {
	return t.db
		.select()
		.from(stockMovements)
		.where(and(eq(stockMovements.productId, productId), eq(stockMovements.kind, 'count')));
}

async function sell(productId: string, units: number) {
	const res = await t.request('/api/inventory/adjustments', {
		method: 'POST',
		session: warehouse,
		json: { productId, locationId: location.id, delta: -units, reason: 'till sale' }
	});
	expect(res.status).toBe(201);
}

async function setThresholds(units: number | null, valueMinor: number | null) {
	const res = await t.request('/api/counts/approval-thresholds', {
		method: 'PUT',
		session: manager,
		json: { units, valueMinor }
	});
	expect(res.status).toBe(200);
}

describe('a count is applied as of when it was counted (happy)', () => {
	it('keeps a sale that reached the server between counting and syncing', async () => {
		await setThresholds(null, null);
		const p = await stocked(10);
		const task = await createTask();
		await sleep(5);
		const countedAt = new Date().toISOString(); // 9 on the shelf (one went missing)
		await sleep(5);
		await sell(p.id, 2); // the till sells 2 before the phone syncs
		const res = await submit(task.id, line(p.id, 9, { countedAt }));
		expect(res.status).toBe(201);
		const body = await res.json();
		expect(body).toMatchObject({ status: 'applied', expected: 10, varianceUnits: -1 });
		// Overwriting would leave 9; as of the count, 9 − 2 sold since = 7.
		expect(await onHand(p.id)).toBe(7);
		const [movement] = await countMovements(p.id);
		expect(movement).toMatchObject({ onHandDelta: -1, reference: task.id, id: body.movementId });
	});

	it("corrects the phone's clock with Ordo-Sent-At", async () => {
		const p = await stocked(10);
		const task = await createTask();
		await sleep(5);
		const hourAhead = (ms: number) => new Date(ms + 3_600_000).toISOString();
		const countedAt = hourAhead(Date.now()); // the phone's clock runs an hour fast
		await sleep(5);
		await sell(p.id, 3);
		const res = await submit(task.id, line(p.id, 10, { countedAt }), {
			sentAt: hourAhead(Date.now())
		});
		expect(await res.json()).toMatchObject({ expected: 10, varianceUnits: 0 });
		expect(await onHand(p.id)).toBe(7);
	});
});

describe('blind counts', () => {
	it('never send the system quantity to the counter', async () => {
		const p = await stocked(12, 'B-07-1');
		const blind = await createTask({ blind: true, binPrefix: 'b-07' });
		const detail = await (
			await t.request(`/api/counts/tasks/${blind.id}`, { session: warehouse })
		).json();
		expect(detail.items.map((i: { productId: string }) => i.productId)).toEqual([p.id]);
		expect(detail.items[0]).not.toHaveProperty('expected');
		const res = await submit(blind.id, line(p.id, 11));
		const body = await res.json();
		expect(body.status).toBe('applied');
		expect(body).not.toHaveProperty('expected');
		expect(body).not.toHaveProperty('varianceUnits');

		const open = await createTask({ binPrefix: 'B-07' });
		const shown = await (
			await t.request(`/api/counts/tasks/${open.id}`, { session: warehouse })
		).json();
		expect(shown.items[0].expected).toBe(11);
	});
});

describe('variance approval (security: the server decides)', () => {
	it('holds a count over the unit threshold, whatever the client claims', async () => {
		await setThresholds(2, null);
		const p = await stocked(20);
		const task = await createTask();
		const res = await submit(task.id, line(p.id, 15, { status: 'applied', expected: 15 }));
		expect(res.status).toBe(201);
		expect(await res.json()).toMatchObject({
			status: 'awaiting_approval',
			expected: 20,
			movementId: null
		});
		expect(await onHand(p.id)).toBe(20);
		expect(await countMovements(p.id)).toHaveLength(0);
	});

	it('holds a count over the value threshold, not at it', async () => {
		await setThresholds(null, 600);
		const task = await createTask();
		const at = await stocked(20, 'A-01-1', 300);
		const over = await stocked(20, 'A-01-2', 300);
		const within = await (await submit(task.id, line(at.id, 22))).json(); // 2 × 300 = 600
		expect(within).toMatchObject({ status: 'applied', varianceValueMinor: 600 });
		const held = await (await submit(task.id, line(over.id, 17))).json(); // 3 × 300 = 900
		expect(held).toMatchObject({ status: 'awaiting_approval', varianceValueMinor: 900 });
		expect(await onHand(over.id)).toBe(20);
	});

	it('applies a waiting count as of its time when a manager approves', async () => {
		await setThresholds(2, null);
		const p = await stocked(20);
		const task = await createTask();
		await sleep(5);
		const countedAt = new Date().toISOString();
		await sleep(5);
		const waiting = await (await submit(task.id, line(p.id, 14, { countedAt }))).json();
		expect(waiting.status).toBe('awaiting_approval');
		await sell(p.id, 4); // sold while the count waited
		const queue = await (await t.request('/api/counts/approvals', { session: manager })).json();
		expect(queue.items.map((i: { id: string }) => i.id)).toContain(waiting.id);
		const refused = await t.request(`/api/counts/lines/${waiting.id}/approve`, {
			method: 'POST',
			session: warehouse
		});
		expect(refused.status).toBe(403);
		const res = await t.request(`/api/counts/lines/${waiting.id}/approve`, {
			method: 'POST',
			session: manager
		});
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ status: 'applied', expected: 20, varianceUnits: -6 });
		expect(await onHand(p.id)).toBe(10); // 14 counted − 4 sold since
		const again = await t.request(`/api/counts/lines/${waiting.id}/approve`, {
			method: 'POST',
			session: manager
		});
		expect(again.status).toBe(409);
		expect(await countMovements(p.id)).toHaveLength(1);
	});

	it('applies nothing when a manager asks for a recount', async () => {
		await setThresholds(2, null);
		const p = await stocked(20);
		const task = await createTask();
		const waiting = await (await submit(task.id, line(p.id, 5))).json();
		const res = await t.request(`/api/counts/lines/${waiting.id}/recount`, {
			method: 'POST',
			session: manager
		});
		expect(await res.json()).toMatchObject({ status: 'recount' });
		expect(await onHand(p.id)).toBe(20);
		expect(await countMovements(p.id)).toHaveLength(0);
		const approve = await t.request(`/api/counts/lines/${waiting.id}/approve`, {
			method: 'POST',
			session: manager
		});
		expect(approve.status).toBe(409);
		const detail = await (
			await t.request(`/api/counts/tasks/${task.id}`, { session: warehouse })
		).json();
		const item = detail.items.find((i: { productId: string }) => i.productId === p.id);
		expect(item.last).toMatchObject({ status: 'recount', counted: 5 });
	});
});

describe('two devices counting the same place', () => {
	it('are both kept and flagged, and only the first is applied', async () => {
		await setThresholds(null, null);
		const p = await stocked(10);
		const task = await createTask();
		const first = await (await submit(task.id, line(p.id, 9, { deviceId: 'phone-1' }))).json();
		const second = await (await submit(task.id, line(p.id, 8, { deviceId: 'phone-2' }))).json();
		expect(first.status).toBe('applied');
		expect(second).toMatchObject({ status: 'awaiting_approval', twoDevices: true });
		expect(await onHand(p.id)).toBe(9);
		const rows = await t.db.select().from(countLines).where(eq(countLines.productId, p.id));
		expect(rows.map((r) => r.twoDevices)).toEqual([true, true]);
		const queue = await (await t.request('/api/counts/approvals', { session: manager })).json();
		const item = queue.items.find((i: { id: string }) => i.id === second.id);
		expect(item.others).toEqual([
			expect.objectContaining({ id: first.id, deviceId: 'phone-1', counted: 9 })
		]);
	});
});

describe('idempotency', () => {
	it('applies a resent count once', async () => {
		const p = await stocked(10);
		const task = await createTask();
		const body = line(p.id, 7);
		const first = await submit(task.id, body, { key: 'count-key-1' });
		const again = await submit(task.id, body, { key: 'count-key-1' });
		expect(again.status).toBe(201);
		expect(again.headers.get('idempotent-replayed')).toBe('true');
		expect(await again.json()).toEqual(await first.json());
		expect(await onHand(p.id)).toBe(7);
		expect(await countMovements(p.id)).toHaveLength(1);
	});

	it('requires an Idempotency-Key', async () => {
		const p = await stocked(10);
		const task = await createTask();
		const res = await submit(task.id, line(p.id, 7), { key: null });
		expect(res.status).toBe(422);
		expect((await res.json()).type).toBe('urn:ordo:problem:idempotency-key-required');
		expect(await onHand(p.id)).toBe(10);
	});
});

describe('bad input (error): a 4xx, nothing half-applied', () => {
	it('refuses what a count cannot be', async () => {
		const p = await stocked(10);
		const task = await createTask();
		const cases: [Record<string, unknown>, number][] = [
			[line(p.id, -1), 422],
			[line(p.id, 1.5), 422],
			[line(p.id, 3, { countedAt: 'yesterday' }), 422],
			[line(p.id, 3, { deviceId: '' }), 422],
			[line('no-such-product', 3), 422],
			[line(p.id, 3, { countedAt: '2001-01-01T00:00:00Z' }), 422]
		];
		for (const [body, status] of cases) {
			const res = await submit(task.id, body);
			expect(res.status, JSON.stringify(body)).toBe(status);
			expect(res.headers.get('content-type')).toContain('application/problem+json');
		}
		expect((await submit('no-such-task', line(p.id, 3))).status).toBe(404);
		const closed = await t.request(`/api/counts/tasks/${task.id}/close`, {
			method: 'POST',
			session: manager
		});
		expect(closed.status).toBe(200);
		expect((await submit(task.id, line(p.id, 3))).status).toBe(409);
		const [n] = await t.db
			.select({ n: sql<number>`count(*)` })
			.from(countLines)
			.where(eq(countLines.taskId, task.id));
		expect(n!.n).toBe(0);
		expect(await onHand(p.id)).toBe(10);
	});

	it('lets only managers create tasks, and refuses an unknown location', async () => {
		const res = await t.request('/api/counts/tasks', {
			method: 'POST',
			session: warehouse,
			json: { locationId: location.id }
		});
		expect(res.status).toBe(403);
		const unknown = await t.request('/api/counts/tasks', {
			method: 'POST',
			session: manager,
			json: { locationId: 'nowhere' }
		});
		expect(unknown.status).toBe(422);
	});
});

describe('my tasks', () => {
	it('lists the open tasks assigned to me', async () => {
		const task = await createTask({ note: 'Zone A before the sale' });
		const res = await t.request('/api/counts/tasks?mine=true', { session: warehouse });
		const { items } = await res.json();
		expect(items.map((i: { id: string }) => i.id)).toContain(task.id);
		expect(items.every((i: { status: string }) => i.status !== 'closed')).toBe(true);
	});
});

describe('adjustments with a reason code', () => {
	const adjust = (json: Record<string, unknown>) =>
		t.request('/api/inventory/adjustments', {
			method: 'POST',
			session: warehouse,
			json: { locationId: location.id, ...json }
		});

	it('records the reason and note in the ledger', async () => {
		const p = await stocked(10);
		const res = await adjust({
			productId: p.id,
			delta: -2,
			reasonCode: 'damaged',
			note: 'crushed'
		});
		expect(res.status).toBe(201);
		const [m] = await t.db
			.select()
			.from(stockMovements)
			.where(eq(stockMovements.id, (await res.json()).movementId));
		expect(m!.reason).toBe('Damaged: crushed');
	});

	it('refuses a reason that contradicts the change, and no reason at all', async () => {
		const p = await stocked(10);
		expect((await adjust({ productId: p.id, delta: -2, reasonCode: 'found' })).status).toBe(422);
		expect((await adjust({ productId: p.id, delta: 2, reasonCode: 'lost' })).status).toBe(422);
		expect((await adjust({ productId: p.id, delta: 2 })).status).toBe(422);
		expect(await onHand(p.id)).toBe(10);
	});
});
