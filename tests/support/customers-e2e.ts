import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { createProfile } from './duplicates-factory';
import { createPaidOrder } from './orders-factory-fulfilment';

/**
 * One person with two profiles for the merge journey (tests/e2e/customer-merge.spec.ts):
 * the same London number, stored as +44…, the family name mistyped on the second, the same
 * postcode, and orders on each. Written straight to the tables; the triggers keep the search
 * index and the duplicate queue in step, as the profile verbs do.
 */
export const MERGE_JOURNEY = {
	phone: '+442079460871',
	/** How the caller says it. */
	typed: '020 7946 0871',
	first: { given: 'Ottoline', family: 'Fairweather', email: 'ottoline.f@example.test', orders: 2 },
	second: { given: 'Ottoline', family: 'Fairwether', email: 'ofairweather@example.test', orders: 1 }
} as const;

export type MergeJourneyProfile = { id: string; number: string; orders: string[] };

export async function seedMergeJourney(
	db: Db
): Promise<{ first: MergeJourneyProfile; second: MergeJourneyProfile }> {
	// At the demo's MAIN location: a location of their own would come first in the pickers.
	const [main] = await db.all<{ id: string }>(sql`SELECT id FROM locations WHERE code = 'MAIN'`);
	const make = async (p: (typeof MERGE_JOURNEY)['first' | 'second']) => {
		const profile = await createProfile(db, {
			given: p.given,
			family: p.family,
			emails: [p.email],
			phones: [MERGE_JOURNEY.phone],
			postcode: 'SE1 7PB',
			line1: '12 Lambeth Walk'
		});
		const orders: string[] = [];
		for (let i = 0; i < p.orders; i++) {
			const order = await createPaidOrder(db, {
				locationId: main?.id,
				lines: [{ quantity: 1, name: `Merge history item ${i + 1}` }]
			});
			// Delivered history: the fulfilment journey's pick list holds only its own orders.
			await db.run(
				sql`UPDATE orders SET customer_id = ${profile.id}, status = 'delivered',
					fulfilment_status = 'fulfilled' WHERE id = ${order.id}`
			);
			orders.push(order.number);
		}
		return { ...profile, orders };
	};
	return { first: await make(MERGE_JOURNEY.first), second: await make(MERGE_JOURNEY.second) };
}
