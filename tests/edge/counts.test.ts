import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countLines, countTasks } from '../../db/schema/counts';
import { stockLevels, stockMovements } from '../../db/schema/inventory';
import { createLocation, createProduct, receiveStock } from '../support/factories';
import type { Session } from '../support/test-api';
import { shopApi, type EdgeApi } from './edge-api';

// One count submitted to the built worker in workerd over libSQL HTTP: applied as of when it
// was counted (a sale that synced first stays sold), and applied once however often resent.
// The shop database is shared between edge test files: this file's rows carry a suffix.
const suffix = crypto.randomUUID().slice(0, 6).toUpperCase();
let t: EdgeApi;
let warehouse: Session;
let product: Awaited<ReturnType<typeof createProduct>>;
let location: Awaited<ReturnType<typeof createLocation>>;

beforeAll(async () => {
	t = await shopApi();
	location = await createLocation(t.db, { code: `CNT${suffix}`, name: 'Count edge' });
	product = await createProduct(t.db, { sku: `CNT${suffix}`, name: `Counted mug ${suffix}` });
	await receiveStock(t.db, { productId: product.id, locationId: location.id, onHand: 10 });
	warehouse = await t.signIn('warehouse');
});

afterAll(() => t.client.close());

const onHand = async () =>
	(
		await t.db
			.select()
			.from(stockLevels)
			.where(and(eq(stockLevels.productId, product.id), eq(stockLevels.locationId, location.id)))
	)[0]!.onHand;

describe('a count in workerd', () => {
	it('is applied as of countedAt, once', async () => {
		// A blind task, as a manager makes it (managers sign in with MFA, which the edge
		// helper does not do; creating tasks is covered in tests/api/counts.test.ts).
		const task = { id: crypto.randomUUID() };
		await t.db.insert(countTasks).values({ id: task.id, locationId: location.id, blind: true });
		await new Promise((r) => setTimeout(r, 20));
		const countedAt = new Date().toISOString();
		await new Promise((r) => setTimeout(r, 20));
		const sale = await t.request('/api/inventory/adjustments', {
			method: 'POST',
			session: warehouse,
			json: { productId: product.id, locationId: location.id, delta: -3, reason: 'till sale' }
		});
		expect(sale.status).toBe(201);
		const send = () =>
			t.request(`/api/counts/tasks/${task.id}/lines`, {
				method: 'POST',
				session: warehouse,
				headers: {
					'idempotency-key': `edge-count-${suffix}`,
					'ordo-sent-at': new Date().toISOString()
				},
				json: { productId: product.id, counted: 8, countedAt, deviceId: 'edge-phone' }
			});
		const first = await send();
		expect(first.status).toBe(201);
		const body = await first.json();
		expect(body).toMatchObject({ status: 'applied', counted: 8 });
		expect(body).not.toHaveProperty('expected');
		const again = await send();
		expect(again.headers.get('idempotent-replayed')).toBe('true');
		// 8 counted when 10 were there; 3 sold since: 5, not 8.
		expect(await onHand()).toBe(5);
		const counts = await t.db
			.select()
			.from(stockMovements)
			.where(and(eq(stockMovements.productId, product.id), eq(stockMovements.kind, 'count')));
		expect(counts.map((m) => m.onHandDelta)).toEqual([-2]);
		const lines = await t.db.select().from(countLines).where(eq(countLines.taskId, task.id));
		expect(lines).toHaveLength(1);
	});
});
