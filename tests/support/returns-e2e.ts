import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { createDeliveredOrder } from './returns-factory';

/**
 * The order the rep's return journey starts from (tests/e2e/returns-authorise.spec.ts):
 * delivered five days ago, paid by card, two items, at the demo's MAIN location. The demo
 * history's orders are years old, outside every window; this one is inside.
 */
export const RETURN_JOURNEY = { orderNumber: 'ORD-990011' } as const;

export async function seedReturnJourney(db: Db): Promise<void> {
	const [main] = await db.all<{ id: string }>(sql`SELECT id FROM locations WHERE code = 'MAIN'`);
	const day = 86_400_000;
	const order = await createDeliveredOrder(db, {
		...(main ? { locationId: main.id } : {}),
		placedAt: Date.now() - 8 * day,
		shippedAt: Date.now() - 7 * day,
		deliveredAt: Date.now() - 5 * day,
		lines: [
			{
				quantity: 2,
				priceMinor: 1250,
				name: 'Journey Stoneware Mug',
				sku: 'RJ-MUG',
				category: 'Kitchen'
			},
			{
				quantity: 1,
				priceMinor: 2400,
				name: 'Journey Linen Tote',
				sku: 'RJ-TOTE',
				category: 'Bags'
			}
		]
	});
	await db.run(
		sql`UPDATE orders SET number = ${RETURN_JOURNEY.orderNumber} WHERE id = ${order.id}`
	);
}
