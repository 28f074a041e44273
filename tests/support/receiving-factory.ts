import { sql } from 'drizzle-orm';
import { returnReceipts, returnUnits } from '../../db/schema/returns';
import type { Db } from '../../db/client';
import { createDeliveredOrder, insertReturn } from './returns-factory';

export type ReceivingFixtures = { returnId: string; unitId: string; barcode: string };

/**
 * An authorised return with one unit received into quarantine, written as receiving leaves
 * it: for the route examples (a quarantined unit can be decided again, so every call of
 * the inspection example can keep it in quarantine).
 */
export async function createReceivingFixtures(db: Db): Promise<ReceivingFixtures> {
	const order = await createDeliveredOrder(db, {
		lines: [{ quantity: 2, name: 'Route check jug' }]
	});
	const ret = await insertReturn(db, order, { lines: [{ orderLine: 1, quantity: 2 }] });
	const receiptId = crypto.randomUUID();
	const unitId = crypto.randomUUID();
	await db.batch([
		db.insert(returnReceipts).values({
			id: receiptId,
			returnId: ret.id,
			line: 1,
			productId: order.products[0]!.id,
			code: order.products[0]!.barcode!,
			expected: true,
			locationId: order.locationId,
			idempotencyKey: crypto.randomUUID()
		}),
		db.insert(returnUnits).values({
			id: unitId,
			returnId: ret.id,
			receiptId,
			line: 1,
			productId: order.products[0]!.id,
			locationId: order.locationId
		}),
		db.run(
			sql`UPDATE return_lines SET quantity_received = 1, status = 'received' WHERE return_id = ${ret.id}`
		),
		db.run(sql`UPDATE returns SET status = 'partially_received' WHERE id = ${ret.id}`)
	]);
	return { returnId: ret.id, unitId, barcode: order.products[0]!.barcode! };
}

/** The barcodes the receiving journey scans (tests/e2e/returns-receive.spec.ts). */
export const RECEIVING_JOURNEY = {
	mug: { barcode: '5099990000011', name: 'Receiving journey mug' },
	towel: { barcode: '5099990000028', name: 'Receiving journey towel' },
	stray: { barcode: '5099990000035', name: 'Receiving journey stray vase' }
} as const;

/**
 * The e2e seed (tests/support/e2e-server.ts): a delivered order from MAIN with two items,
 * an authorised return of both, and a product that is on neither (the unexpected scan).
 */
export async function seedReceivingJourney(db: Db): Promise<void> {
	const [main] = await db.all<{ id: string }>(sql`SELECT id FROM locations WHERE code = 'MAIN'`);
	if (!main) throw new Error('the demo seed has no MAIN location');
	const { mug, towel, stray } = RECEIVING_JOURNEY;
	const order = await createDeliveredOrder(db, {
		locationId: main.id,
		lines: [
			{ quantity: 1, ...mug, sku: 'RCV-MUG' },
			{ quantity: 1, ...towel, sku: 'RCV-TOWEL' }
		]
	});
	await insertReturn(db, order, {
		lines: [
			{ orderLine: 1, quantity: 1 },
			{ orderLine: 2, quantity: 1 }
		]
	});
	await createDeliveredOrder(db, {
		locationId: main.id,
		lines: [{ quantity: 1, ...stray, sku: 'RCV-VASE' }]
	});
}
