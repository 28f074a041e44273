import type { Client } from '@libsql/client';
import { drizzleOver } from '../../db/client';
import { migrate } from '../../db/migrate';
import { systemCtx } from '../../worker/core/context';
import { scanAllDuplicates } from '../../worker/features/customers/duplicates/scan-all-duplicates';
import { assertNoShopData } from './guard';
import { readRetailCsv, resolveRetailCsv } from './read-csv';
import { buildShop } from './shop';
import { shopStatements } from './shop-statements';
import { seedReturns } from './returns';
import { runInBatches } from './sql-chunks';
import { seedSynthetic } from './synthetic';
import { seedDemoUsers } from './users';

export { DEMO_USERS } from './demo-users';
export { SeedRefused } from './guard';

/** 'demo' is the CSV's shop; a number N tops the products up to N with invented ones. */
export type SeedScale = 'demo' | number;
export type SeedSummary = {
	products: number;
	locations: number;
	customers: number;
	orders: number;
	users: number;
};
export type SeedOptions = {
	client: Client;
	scale?: SeedScale;
	csvPath?: string;
	now?: number;
	/** ORDO_DATA_KEY of the app that will serve this database: it keys the audit entries. */
	dataKey: string | null;
};

/**
 * Seeds a believable shop from the December 2010 Online Retail data: products, stock with
 * its ledger, customers (with deliberate near-duplicates), orders across the lifecycle and
 * one demo account per role. Deterministic; refuses a database that already has a shop.
 */
export async function seed({
	client,
	scale = 'demo',
	csvPath,
	now = Date.now(),
	dataKey
}: SeedOptions): Promise<SeedSummary> {
	await migrate(client);
	await assertNoShopData(client);
	const shop = buildShop(readRetailCsv(resolveRetailCsv(csvPath)));
	// The CSV's shop is one batch, one transaction: a failure leaves no half-seeded shop.
	await runInBatches(client, shopStatements(shop, now), Infinity);
	const users = await seedDemoUsers(client, now, dataKey);
	await seedReturns(client, now);
	const synthetic =
		scale === 'demo'
			? 0
			: await seedSynthetic({
					client,
					count: scale - shop.products.length,
					locations: shop.locations,
					now
				});
	// Bulk inserts leave the trigram index in thousands of small segments; merging them
	// once halves the cost of a name search on a large catalogue (bench/README.md).
	await client.execute("INSERT INTO products_fts (products_fts) VALUES ('optimize')");
	// The seed's customers (near-duplicates among them) are all queued for the duplicate
	// finder; one full scan now fills the review queue at once, instead of 200 at a time
	// each time someone opens it. The queue is stamped by triggers with the wall clock, so the
	// scan is too (the seed's `now` may be a fixed date in the past).
	await scanAllDuplicates({ ctx: systemCtx(drizzleOver(client), Date.now(), dataKey) });
	return {
		products: shop.products.length + synthetic,
		locations: shop.locations.length,
		customers: shop.customers.length,
		orders: shop.orders.length,
		users
	};
}
