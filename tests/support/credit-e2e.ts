import type { Db } from '../../db/client';
import { storeCreditEntries } from '../../db/schema/returns';
import { createCustomer } from './factories';

/**
 * The caller of the store-credit phone-order journey (tests/e2e/phone-order-credit.spec.ts):
 * a customer of their own with 50.00 of goodwill credit, so the journey spends it once and
 * no other journey sees the balance move.
 */
export const CREDIT_JOURNEY = {
	email: 'cora.credit@example.test',
	name: 'Cora Creditworth',
	creditMinor: 5000
} as const;

export async function seedCreditJourney(db: Db): Promise<void> {
	const customer = await createCustomer(db, {
		name: CREDIT_JOURNEY.name,
		email: CREDIT_JOURNEY.email
	});
	await db.insert(storeCreditEntries).values({
		id: crypto.randomUUID(),
		customerId: customer.id,
		currency: 'GBP',
		amountMinor: CREDIT_JOURNEY.creditMinor,
		kind: 'goodwill',
		note: 'Sorry for the late parcel',
		idempotencyKey: `seed:credit-journey:${customer.id}`
	});
}
