import { createClient, type Client } from '@libsql/client';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { drizzleOver } from '../../db/client';
import { migrate } from '../../db/migrate';
import { apiKeys, users } from '../../db/schema/auth';
import { locations, products } from '../../db/schema/inventory';
import { generateApiKey, hashToken } from '../../worker/core/access/tokens';
import { receive } from '../../worker/features/inventory/ledger';

export type StressDb = { path: string; url: string; client: Client; remove: () => void };

function removeFiles(path: string) {
	for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}

/**
 * A fresh database file, migrated and in WAL mode as `npm start` runs it. The stress
 * reads it through its own connection, never through the servers it checks.
 */
export async function freshDatabase(path: string): Promise<StressDb> {
	const absolute = resolve(path);
	mkdirSync(dirname(absolute), { recursive: true });
	removeFiles(absolute);
	const url = `file:${absolute}`;
	const client = createClient({ url });
	await client.execute('PRAGMA journal_mode = WAL');
	await migrate(client);
	return {
		path: absolute,
		url,
		client,
		remove: () => {
			client.close();
			removeFiles(absolute);
		}
	};
}

export type Stocked = { locationId: string; productIds: string[]; skus: string[] };

/** One location and `count` products, each received into stock through the ledger. */
export async function stockProducts(
	client: Client,
	{ count, units, prefix }: { count: number; units: number; prefix: string }
): Promise<Stocked> {
	const db = drizzleOver(client);
	const locationId = crypto.randomUUID();
	await db.insert(locations).values({ id: locationId, code: prefix, name: 'Main warehouse' });
	const rows = Array.from({ length: count }, (_, i) => ({
		id: crypto.randomUUID(),
		sku: `${prefix}-${String(i + 1).padStart(3, '0')}`,
		name: `Stress product ${i + 1}`,
		priceMinor: 250 + i * 100,
		currency: 'GBP'
	}));
	await db.insert(products).values(rows);
	const at = Date.now();
	const [first, ...rest] = rows.flatMap((p) =>
		receive(db, { productId: p.id, locationId, quantity: units, reason: 'stress receipt', at })
	);
	await db.batch([first!, ...rest]);
	return { locationId, productIds: rows.map((p) => p.id), skus: rows.map((p) => p.sku) };
}

/**
 * An integration key as an admin would issue it (the `web` channel of the integration API),
 * written straight to the file: a key acts within its creator's role, so it gets one.
 */
export async function issueApiKey(
	client: Client,
	permissions: string[]
): Promise<{ key: string; id: string }> {
	const db = drizzleOver(client);
	const creator = crypto.randomUUID();
	await db.insert(users).values({
		id: creator,
		email: `stress.${creator.slice(0, 8)}@ordo.test`,
		name: 'Stress admin',
		role: 'admin',
		// Not a hash of anything: nobody signs in as this account.
		passwordHash: 'unusable'
	});
	const { key, prefix } = generateApiKey();
	const id = crypto.randomUUID();
	await db.insert(apiKeys).values({
		id,
		name: 'stress web shop',
		prefix,
		keyHash: hashToken(key),
		permissions,
		createdBy: creator
	});
	return { key, id };
}
