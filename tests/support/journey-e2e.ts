import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { createDeliveredOrder } from './returns-factory';

// Issue 11's two end-to-end journeys (tests/e2e/returns-journey.spec.ts and
// returns-exchange.spec.ts): each starts from its own delivered order at the demo's MAIN
// location (where the demo picker receives), with fixed numbers and barcodes so the
// specs can type and scan them. Delivered three days ago, GB, paid by the sandbox provider.

const DAY = 86_400_000;

export const ROUND_TRIP = {
	orderNumber: 'ORD-990021',
	jug: { sku: 'RT-JUG', name: 'Round-trip Stoneware Jug', barcode: '5099990021011' },
	scarf: { sku: 'RT-SCARF', name: 'Round-trip Wool Scarf', barcode: '5099990021028' },
	/** On another order: scanning it on this return is an unexpected item. */
	stray: { sku: 'RT-COASTER', name: 'Round-trip Cork Coaster', barcode: '5099990021035' }
} as const;

export const EXCHANGE_JOURNEY = {
	orderNumber: 'ORD-990022',
	medium: { sku: 'JT-M', name: 'Journey Tee M', barcode: '5099990022018' },
	/** The other variant, same price, in stock at MAIN (from an order of its own). */
	large: { sku: 'JT-L', name: 'Journey Tee L', barcode: '5099990022025' }
} as const;

async function mainLocation(db: Db): Promise<string> {
	const [main] = await db.all<{ id: string }>(sql`SELECT id FROM locations WHERE code = 'MAIN'`);
	if (!main) throw new Error('the demo seed has no MAIN location');
	return main.id;
}

async function numbered(db: Db, id: string, number: string): Promise<void> {
	await db.run(sql`UPDATE orders SET number = ${number} WHERE id = ${id}`);
}

export async function seedReturnsJourneys(db: Db): Promise<void> {
	const locationId = await mainLocation(db);
	const recent = {
		locationId,
		placedAt: Date.now() - 6 * DAY,
		shippedAt: Date.now() - 5 * DAY,
		deliveredAt: Date.now() - 3 * DAY
	};
	const { jug, scarf, stray, orderNumber } = ROUND_TRIP;
	const trip = await createDeliveredOrder(db, {
		...recent,
		lines: [
			{ quantity: 1, ...jug, priceMinor: 3200, category: 'Kitchen' },
			{ quantity: 1, ...scarf, priceMinor: 2800, category: 'Bags' }
		]
	});
	await numbered(db, trip.id, orderNumber);
	await createDeliveredOrder(db, {
		...recent,
		lines: [{ quantity: 1, ...stray, priceMinor: 900, category: 'Kitchen' }]
	});

	const { medium, large } = EXCHANGE_JOURNEY;
	const tee = await createDeliveredOrder(db, {
		...recent,
		lines: [{ quantity: 1, ...medium, priceMinor: 1800, category: 'Apparel' }]
	});
	await numbered(db, tee.id, EXCHANGE_JOURNEY.orderNumber);
	await createDeliveredOrder(db, {
		...recent,
		lines: [{ quantity: 1, ...large, priceMinor: 1800, category: 'Apparel' }]
	});
}
