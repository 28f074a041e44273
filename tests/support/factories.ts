import { faker } from '@faker-js/faker';
import type { Role } from '../../db/schema/auth';
import { users } from '../../db/schema/auth';
import { locations, products, stockLevels, stockMovements } from '../../db/schema/inventory';
import type { Db } from '../../db/client';
import { hashPassword } from '../../worker/features/auth/password';

// One-line setup (STYLE: test factories). Each returns the row it wrote.
export const TEST_PASSWORD = 'correct horse battery staple 42';
let passwordHash: Promise<string> | undefined;

export async function createUser(
	db: Db,
	overrides: Partial<typeof users.$inferInsert> & { role: Role }
) {
	passwordHash ??= hashPassword(TEST_PASSWORD);
	const row = {
		id: crypto.randomUUID(),
		email: `${overrides.role}.${crypto.randomUUID().slice(0, 8)}@ordo.test`,
		name: faker.person.fullName(),
		passwordHash: await passwordHash,
		...overrides
	};
	await db.insert(users).values(row);
	return row;
}

export async function createLocation(
	db: Db,
	overrides: Partial<typeof locations.$inferInsert> = {}
) {
	const row = {
		id: crypto.randomUUID(),
		code: `L${faker.string.alphanumeric(5).toUpperCase()}`,
		name: faker.location.city(),
		...overrides
	};
	await db.insert(locations).values(row);
	return row;
}

export async function createProduct(db: Db, overrides: Partial<typeof products.$inferInsert> = {}) {
	const row = {
		id: crypto.randomUUID(),
		sku: faker.string.alphanumeric(8).toUpperCase(),
		barcode: null as string | null,
		name: faker.commerce.productName(),
		priceMinor: faker.number.int({ min: 50, max: 5000 }),
		currency: 'GBP',
		...overrides
	};
	await db.insert(products).values(row);
	return row;
}

/** Puts stock at a location the way the system does: a receipt in the ledger plus the level. */
export async function receiveStock(
	db: Db,
	{
		productId,
		locationId,
		onHand,
		reserved = 0
	}: { productId: string; locationId: string; onHand: number; reserved?: number }
) {
	await db.batch([
		db.insert(stockLevels).values({ productId, locationId, onHand, reserved }),
		db.insert(stockMovements).values({
			id: crypto.randomUUID(),
			productId,
			locationId,
			kind: 'receipt',
			onHandDelta: onHand,
			reservedDelta: reserved,
			reason: 'test receipt'
		})
	]);
}
