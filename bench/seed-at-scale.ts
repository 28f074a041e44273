import { createClient, type Client } from '@libsql/client';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { seed, type SeedSummary } from '../scripts/seed/index';
import { seedCustomersAtScale } from './customers-at-scale';

export type SeededDb = {
	path: string;
	url: string;
	client: Client;
	seedSeconds: number;
	summary: SeedSummary;
	remove: () => void;
};

function removeFiles(path: string) {
	for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}

/**
 * A fresh embedded database from the real seed: the demo shop `npm start` serves, with its
 * demo accounts, topped up with the seed's invented products to `products` in all. Any
 * earlier file at the path is deleted first: figures from a database that a previous run
 * wrote to would not be comparable.
 */
export async function seedAtScale({
	path,
	products,
	customers = 0
}: {
	path: string;
	products: number;
	/** Invented customers on top of the demo shop's (customer search), 0 for none. */
	customers?: number;
}): Promise<SeededDb> {
	const absolute = resolve(path);
	mkdirSync(dirname(absolute), { recursive: true });
	removeFiles(absolute);
	const url = `file:${absolute}`;
	const writer = createClient({ url });
	// Settings of the seeding connection only; the file comes out the same. A bigger page
	// cache, since random UUID keys otherwise evict index pages on every insert; no rollback
	// journal or fsync, since a failed seed is thrown away, not recovered.
	await writer.execute('PRAGMA cache_size = -262144');
	await writer.execute('PRAGMA journal_mode = OFF');
	await writer.execute('PRAGMA synchronous = OFF');
	const started = performance.now();
	const now = Date.now();
	const summary = await seed({
		client: writer,
		scale: products,
		now,
		dataKey: process.env.ORDO_DATA_KEY ?? null
	});
	if (customers > 0) await seedCustomersAtScale(writer, customers);
	const seedSeconds = (performance.now() - started) / 1000;
	writer.close();
	// The ceiling reads through a connection configured like the server's: defaults.
	const client = createClient({ url });
	return {
		path: absolute,
		url,
		client,
		seedSeconds: Number(seedSeconds.toFixed(2)),
		summary,
		remove: () => {
			client.close();
			removeFiles(absolute);
		}
	};
}
