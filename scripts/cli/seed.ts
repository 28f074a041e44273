import { rmSync } from 'node:fs';
import type { SeedScale } from '../seed/index';
import { CommandFailed, parseCommand, UsageError, type Command } from './command';
import { loadOrCreateDataKey } from './data-key';
import { databaseUrl, DB_HELP, DB_OPTION, displayUrl, localPath, openDatabase } from './database';

const SCALES: Record<string, SeedScale> = {
	demo: 'demo',
	'10k': 10_000,
	'100k': 100_000,
	'1m': 1_000_000
};

/**
 * --force deletes the database file rather than emptying tables: the stock ledger is
 * append-only by trigger, and a file deleted whole cannot leave rows of some feature
 * behind. A remote database is never deleted from here.
 */
function deleteLocalDatabase(url: string): void {
	const path = localPath(url);
	if (!path) {
		throw new CommandFailed(
			'--force only deletes local file databases; for a remote database, create a new empty one and seed that.'
		);
	}
	for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}

export const command: Command = {
	help: `Usage: npm run ordo -- seed [--scale demo|10k|100k|1m] [--force] [--data FILE] [--db URL]

Migrates, then writes a believable shop built from the December 2010 Online Retail data:
products, stock at two locations with its ledger, customers, orders and one demo staff
account per role. The same data every time. A database that already has products,
customers or orders is refused.

  --scale S    demo (default) = the CSV's shop; 10k, 100k or 1m = the same shop with
               invented products added up to that many (for benchmarks)
  --force      delete the local database file first, then seed (local files only)
  --data FILE  the Online Retail CSV, plain or .gz (default: $ORDO_RETAIL_CSV, else
               ../shared/data/online-retail/online_retail_2010-12.csv beside the repo
               when present, else data/online-retail/ in the repo)
${DB_HELP}`,
	async run(argv) {
		const { values, positionals } = parseCommand('seed', argv, {
			...DB_OPTION,
			scale: { type: 'string', default: 'demo' },
			force: { type: 'boolean', default: false },
			data: { type: 'string' }
		});
		if (values.help) return void console.log(this.help);
		if (positionals.length > 0)
			throw new UsageError(`unexpected argument "${positionals[0]}"`, 'seed');
		const scale = SCALES[values.scale.toLowerCase()];
		if (scale === undefined) {
			throw new UsageError(`unknown scale "${values.scale}"; use demo, 10k, 100k or 1m`, 'seed');
		}
		const url = databaseUrl(values.db);
		if (values.force) deleteLocalDatabase(url);
		const client = await openDatabase(url);
		const { seed, SeedRefused } = await import('../seed/index');
		const { demoLogins } = await import('./demo-logins');
		try {
			const started = performance.now();
			const summary = await seed({
				client,
				scale,
				csvPath: values.data,
				dataKey: loadOrCreateDataKey()
			});
			const seconds = ((performance.now() - started) / 1000).toFixed(1);
			console.log(`seeded ${displayUrl(url)} in ${seconds} s:`);
			for (const [what, n] of Object.entries(summary))
				console.log(`  ${what.padEnd(10)} ${n.toLocaleString('en-GB')}`);
			console.log('demo logins (public demo credentials):');
			for (const line of await demoLogins(client)) console.log(line);
		} catch (error) {
			if (error instanceof SeedRefused) throw new CommandFailed(error.message);
			throw error;
		} finally {
			client.close();
		}
	}
};
