import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemCtx } from '../../worker/core/context';
import { emitEvent } from '../../worker/features/webhooks/emit';
import { createProduct } from '../support/factories';
import { createTestDb, type TestDb } from '../support/test-db';

let t: TestDb;
beforeAll(async () => {
	t = await createTestDb();
});
afterAll(() => t.client.close());

const events = async (entityId: string) =>
	t.db.all<{ type: string; data: string }>(
		sql`SELECT type, data FROM outbound_events WHERE entity_id = ${entityId}`
	);

describe('emitEvent: the outbound webhooks outbox', () => {
	it('stores the event in the batch of the change it describes', async () => {
		const product = await createProduct(t.db);
		const ctx = systemCtx(t.db);
		await t.db.batch([
			t.db.run(sql`UPDATE products SET reorder_point = 5 WHERE id = ${product.id}`),
			emitEvent(ctx, {
				type: 'stock.low',
				entityKind: 'product',
				entityId: product.id,
				data: { sku: product.sku, available: 2 }
			})
		]);
		const rows = await events(product.id);
		expect(rows).toHaveLength(1);
		expect(rows[0]!.type).toBe('stock.low');
		expect(JSON.parse(rows[0]!.data)).toEqual({ sku: product.sku, available: 2 });
	});

	it('stores nothing when the change is refused', async () => {
		const product = await createProduct(t.db);
		const ctx = systemCtx(t.db);
		await expect(
			t.db.batch([
				emitEvent(ctx, {
					type: 'stock.changed',
					entityKind: 'product',
					entityId: product.id,
					data: { sku: product.sku }
				}),
				// The products CHECK refuses a negative price: the whole batch rolls back.
				t.db.run(sql`UPDATE products SET price_minor = -1 WHERE id = ${product.id}`)
			])
		).rejects.toThrow();
		expect(await events(product.id)).toHaveLength(0);
	});
});
