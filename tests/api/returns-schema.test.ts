import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { returnLines, storeCreditEntries } from '../../db/schema/returns';
import { createTestDb, type TestDb } from '../support/test-db';
import { createDeliveredOrder, insertReturn } from '../support/returns-factory';

// The database's own guards for returns (migration 0028): whatever the application
// checked, no return asks for more than was shipped (open requests counted), and store
// credit never goes below zero or changes once written.

let t: TestDb;
beforeAll(async () => {
	t = await createTestDb();
});
afterAll(() => t.client.close());

const refused = async (p: Promise<unknown>) => {
	try {
		await p;
	} catch (e) {
		return String((e as Error & { cause?: Error }).cause?.message ?? (e as Error).message);
	}
	throw new Error('the write was accepted');
};

describe('returns: quantities', () => {
	it('counts open requests: a second return cannot take back what the first asked for', async () => {
		const order = await createDeliveredOrder(t.db, { lines: [{ quantity: 3 }] });
		await insertReturn(t.db, order, { lines: [{ orderLine: 1, quantity: 2 }] });
		expect(
			await refused(insertReturn(t.db, order, { lines: [{ orderLine: 1, quantity: 2 }] }))
		).toMatch(/return_exceeds_shipped/);
		await insertReturn(t.db, order, { lines: [{ orderLine: 1, quantity: 1 }] });
		const [row] = await t.db.all<{ n: number }>(
			sql`SELECT SUM(quantity) AS n FROM return_lines WHERE order_id = ${order.id}`
		);
		expect(row!.n).toBe(3);
	});

	it('frees the units of a cancelled line, and refuses re-opening it when they were taken', async () => {
		const order = await createDeliveredOrder(t.db, { lines: [{ quantity: 1 }] });
		const first = await insertReturn(t.db, order, { lines: [{ orderLine: 1, quantity: 1 }] });
		await t.db
			.update(returnLines)
			.set({ status: 'cancelled' })
			.where(sql`return_id = ${first.id}`);
		await insertReturn(t.db, order, { lines: [{ orderLine: 1, quantity: 1 }] });
		expect(
			await refused(
				t.db
					.update(returnLines)
					.set({ status: 'authorised' })
					.where(sql`return_id = ${first.id}`)
			)
		).toMatch(/return_exceeds_shipped/);
	});

	it('never takes back units that were not shipped', async () => {
		const order = await createDeliveredOrder(t.db, { lines: [{ quantity: 4, shipped: 1 }] });
		expect(
			await refused(insertReturn(t.db, order, { lines: [{ orderLine: 1, quantity: 2 }] }))
		).toMatch(/return_exceeds_shipped/);
	});
});

describe('store credit', () => {
	it('never goes below zero and is never edited', async () => {
		const order = await createDeliveredOrder(t.db, { lines: [{ quantity: 1 }] });
		const credit = (amountMinor: number, kind: 'goodwill' | 'spend') =>
			t.db.insert(storeCreditEntries).values({
				id: crypto.randomUUID(),
				customerId: order.customerId,
				amountMinor,
				kind,
				idempotencyKey: crypto.randomUUID()
			});
		await credit(500, 'goodwill');
		await credit(-300, 'spend');
		expect(await refused(credit(-201, 'spend'))).toMatch(/store_credit_overdrawn/);
		expect(
			await refused(
				t.db
					.update(storeCreditEntries)
					.set({ amountMinor: 9999 })
					.where(sql`kind = 'goodwill'`)
			)
		).toMatch(/store_credit_append_only/);
		const [row] = await t.db.all<{ balance: number }>(
			sql`SELECT SUM(amount_minor) AS balance FROM store_credit_entries WHERE customer_id = ${order.customerId}`
		);
		expect(row!.balance).toBe(200);
	});
});
