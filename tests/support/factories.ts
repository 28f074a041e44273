import { faker } from '@faker-js/faker';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { encodeBase64NoPadding } from '@oslojs/encoding';
import type { Role } from '../../db/schema/auth';
import { apiKeys, users } from '../../db/schema/auth';
import { locations, products } from '../../db/schema/inventory';
import { customerEmails, customerPhones, customers } from '../../db/schema/customers';
import { orderLines, orders, type OrderStatus } from '../../db/schema/orders';
import type { Db } from '../../db/client';
import { MFA_REQUIRED_ROLES } from '../../worker/features/auth/mfa-policy';
import { sealSecret } from '../../worker/lib/secret-box';
import { generateApiKey, hashToken } from '../../worker/core/access/tokens';
import { receive, reserve, type BatchItems } from '../../worker/features/inventory/ledger';
import { generateTOTP } from './totp-at';

// One-line setup (STYLE: test factories). Each returns the row it wrote.
export const TEST_PASSWORD = 'correct horse battery staple 42';
// A fixed key for sealing TOTP secrets in tests (never a production key), and the
// authenticator every test admin and manager "has".
export const TEST_DATA_KEY = 'b3Jkby10ZXN0LWRhdGEta2V5LTMyLWJ5dGVzLWxvbmc=';
export const TEST_TOTP_SECRET = new Uint8Array(20).fill(7);

/** The code an authenticator app would show now (or at `at`). */
export function totpCode(at = Date.now(), secret: Uint8Array = TEST_TOTP_SECRET): string {
	return generateTOTP(secret, 30, 6, at);
}
let passwordHash: Promise<string> | undefined;

// Test accounts store a cheap scrypt hash (ln=10, p=1): verifyPassword reads the
// parameters from the hash, so sign-in works the same while tests stay fast.
// Production hashes (ln=14, p=5) are covered by worker/features/auth/password.test.ts.
async function cheapHash(password: string): Promise<string> {
	const salt = crypto.getRandomValues(new Uint8Array(16));
	const key = await scryptAsync(password, salt, { N: 2 ** 10, r: 8, p: 1, dkLen: 32 });
	return `$scrypt$ln=10,r=8,p=1$${encodeBase64NoPadding(salt)}$${encodeBase64NoPadding(key)}`;
}

/** Admins and managers must have MFA (PCI DSS 8.4.2): give them an enrolled authenticator. */
export async function createUser(
	db: Db,
	overrides: Partial<typeof users.$inferInsert> & { role: Role }
) {
	passwordHash ??= cheapHash(TEST_PASSWORD);
	const id = overrides.id ?? crypto.randomUUID();
	const mfa = MFA_REQUIRED_ROLES.includes(overrides.role)
		? {
				totpSecret: await sealSecret(TEST_DATA_KEY, TEST_TOTP_SECRET, id),
				mfaEnrolledAt: Date.now()
			}
		: {};
	const row = {
		...mfa,
		id,
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

/** Puts stock at a location the way the system does: the ledger's receipt (and reservation). */
export async function receiveStock(
	db: Db,
	{
		productId,
		locationId,
		onHand,
		reserved = 0
	}: { productId: string; locationId: string; onHand: number; reserved?: number }
) {
	const at = Date.now();
	const items: BatchItems = [
		...receive(db, { productId, locationId, quantity: onHand, reason: 'test receipt', at }),
		...(reserved > 0
			? reserve(db, { productId, locationId, quantity: reserved, reason: 'test reservation', at })
			: [])
	];
	await db.batch(items);
}

/**
 * An API key written straight to the database, e.g. one minted before a rule existed.
 * A key acts only within its creator's current role, so it gets one: a new admin
 * unless `createdBy` names another person.
 */
export async function insertApiKey(
	db: Db,
	permissions: string[],
	name = 'test key',
	createdBy?: string
) {
	const { key, prefix } = generateApiKey();
	const id = crypto.randomUUID();
	const creator = createdBy ?? (await createUser(db, { role: 'admin' })).id;
	await db
		.insert(apiKeys)
		.values({ id, name, prefix, keyHash: hashToken(key), permissions, createdBy: creator });
	return { id, key, createdBy: creator };
}

let orderSeq = 0;

/**
 * An order written straight to the database the way placing writes it: the order, one
 * product line reserved at `locationId` (the ledger's reservation names the order number),
 * in one batch. `count` > 1 writes that many in the same batch (route-example pools).
 */
export async function createOrders(
	db: Db,
	{
		productId,
		locationId,
		status = 'paid',
		heldFrom = null,
		quantity = 1,
		unitPriceMinor = 500,
		customerId = null,
		count = 1
	}: {
		productId: string;
		locationId: string;
		status?: OrderStatus;
		heldFrom?: OrderStatus | null;
		quantity?: number;
		unitPriceMinor?: number;
		customerId?: string | null;
		count?: number;
	}
) {
	const at = Date.now();
	const rows = Array.from({ length: count }, () => {
		const id = crypto.randomUUID();
		const number = `T-${process.pid}-${++orderSeq}`;
		const total = quantity * unitPriceMinor;
		return { id, number, total };
	});
	const items: BatchItems = [
		db.insert(orders).values(
			rows.map((r) => ({
				id: r.id,
				number: r.number,
				customerId,
				status,
				heldFrom,
				channel: 'phone' as const,
				subtotalMinor: r.total,
				totalMinor: r.total,
				placedAt: at
			}))
		),
		db.insert(orderLines).values(
			rows.map((r) => ({
				orderId: r.id,
				line: 1,
				productId,
				locationId,
				sku: 'TEST',
				name: 'Test product',
				quantity,
				unitPriceMinor,
				netMinor: r.total
			}))
		),
		...rows.flatMap((r) =>
			reserve(db, {
				productId,
				locationId,
				quantity,
				reason: 'test order',
				reference: r.number,
				at
			})
		)
	];
	await db.batch(items);
	return rows;
}

export async function createCustomer(
	db: Db,
	overrides: Partial<typeof customers.$inferInsert> = {}
) {
	const row = {
		id: crypto.randomUUID(),
		number: `C${faker.string.numeric(8)}`,
		name: faker.person.fullName(),
		email: faker.internet.email().toLowerCase(),
		phone: faker.phone.number({ style: 'international' }),
		...overrides
	};
	// The primary email and phone also as child rows, the way the customers API stores them
	// (customer_emails / customer_phones; the triggers keep customers.email / .phone in step).
	await db.batch([
		db.insert(customers).values(row),
		...(row.email
			? [
					db.insert(customerEmails).values({
						id: crypto.randomUUID(),
						customerId: row.id,
						email: row.email,
						original: row.email,
						isPrimary: true
					})
				]
			: []),
		...(row.phone && /^\+[1-9][0-9]+$/.test(row.phone)
			? [
					db.insert(customerPhones).values({
						id: crypto.randomUUID(),
						customerId: row.id,
						e164: row.phone,
						original: row.phone,
						isPrimary: true
					})
				]
			: [])
	]);
	return row;
}
