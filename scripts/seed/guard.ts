import type { Client } from '@libsql/client';

export class SeedRefused extends Error {
	override readonly name = 'SeedRefused';
}

const SHOP_TABLES = ['products', 'locations', 'customers', 'orders'] as const;

/**
 * Seeding writes a whole shop; over existing data it would mix invented customers and
 * orders with real ones. So it only runs on an empty shop (staff accounts may exist).
 */
export async function assertNoShopData(client: Client): Promise<void> {
	const counts = SHOP_TABLES.map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(', ');
	const row = (await client.execute(`SELECT ${counts}`)).rows[0]!;
	const found = SHOP_TABLES.filter((t) => Number(row[t]) > 0).map((t) => `${Number(row[t])} ${t}`);
	if (found.length > 0) {
		throw new SeedRefused(
			`This database already has shop data (${found.join(', ')}); seeding it is refused so ` +
				'nothing is mixed or overwritten. Seed a new database, or for a local file database ' +
				'run `npm run ordo -- seed --force`, which deletes the file first.'
		);
	}
}
