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
