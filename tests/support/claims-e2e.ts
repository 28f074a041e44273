import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { createDeliveredOrder } from './returns-factory';

/** The order the claims journey files a damaged-item claim on (tests/e2e/returns-claims.spec.ts). */
export const CLAIM_ORDER = 'ORD-990001';

/** A delivered, paid order with a fixed number: 3 teapots at 24.00, one payment. */
export async function seedClaimJourney(db: Db): Promise<void> {
	const [main] = await db.all<{ id: string }>(sql`SELECT id FROM locations WHERE code = 'MAIN'`);
	const order = await createDeliveredOrder(db, {
		locationId: main?.id,
		lines: [
			{
				sku: 'E2E-TEAPOT',
				name: 'Claim journey teapot',
				category: 'Kitchen',
				quantity: 3,
				priceMinor: 2400
			}
		]
	});
	await db.run(sql`UPDATE orders SET number = ${CLAIM_ORDER} WHERE id = ${order.id}`);
}
