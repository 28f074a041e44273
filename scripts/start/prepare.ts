// `npm start`'s preparation, apart from serving: migrate, seed the demo shop into an empty
// database, and make sure the demo accounts exist. A bare clone has everything this needs
// (the Online Retail slice ships in data/online-retail/), and a failure of the shop seed
// never costs the logins: a demo nobody can sign in to is no demo.
import type { Client } from '@libsql/client';
import { migrate } from '../../db/migrate';
import { displayUrl, openDatabase } from '../cli/database';
import { demoLogins } from '../cli/demo-logins';
import { seed, SeedRefused } from '../seed/index';
import { seedDemoUsers } from '../seed/users';

export type Prepared = { logins: string[] };

async function countUsers(client: Client): Promise<number> {
	const row = (await client.execute('SELECT count(*) AS n FROM users')).rows[0]!;
	return Number(row.n);
}

/**
 * Seeds an empty shop. True when this database is (now) the demo's: it had no shop, so the
 * demo accounts belong in it even when the shop seed failed. False when it already had a
 * shop, which may be real: demo accounts are never added to someone's data.
 */
async function seedShop(client: Client, dataKey: string): Promise<boolean> {
	try {
		const summary = await seed({ client, dataKey });
		console.log(`seeded the demo shop: ${summary.products} products, ${summary.orders} orders`);
		return true;
	} catch (error) {
		if (error instanceof SeedRefused) return false;
		console.warn(`the demo shop was not seeded: ${(error as Error).message}`);
		return true;
	}
}

export async function prepareDatabase(url: string, dataKey: string): Promise<Prepared> {
	const client = await openDatabase(url);
	try {
		await migrate(client);
		const demo = await seedShop(client, dataKey);
		// A database with no staff at all cannot be signed in to; the demo accounts open it.
		if (demo || (await countUsers(client)) === 0) {
			await seedDemoUsers(client, Date.now(), dataKey);
		}
		return { logins: await demoLogins(client) };
	} finally {
		client.close();
	}
}

export function printLogins(url: string, logins: string[]): void {
	console.log(`database ${displayUrl(url)}`);
	if (logins.length === 0) {
		console.log(
			'No demo accounts here; create one with: npm run ordo -- user create --email E --role admin'
		);
		return;
	}
	console.log('Demo logins (public demo credentials, role / email / password):');
	for (const line of logins) console.log(line);
	console.log('Admins and managers set up an authenticator app (TOTP) at their first sign-in.');
}
