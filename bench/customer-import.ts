import { createClient } from '@libsql/client';
import { mkdirSync, rmSync } from 'node:fs';
import { drizzleOver } from '../db/client';
import { migrate } from '../db/migrate';
import { systemCtx } from '../worker/core/context';
import { importCustomers } from '../worker/features/customers/import-customers';
import { customerCsv } from './customer-csv';

export type ImportFigures = {
	rows: number;
	bytes: number;
	dryRunSeconds: number;
	applySeconds: number;
	rowsPerSecond: number;
	/** The goal: 100,000 rows in under a minute. */
	goalSeconds: number;
};

/**
 * `ordo import customers` at scale, through the verb the CLI and the API call: a generated
 * file (every column, unique people) into a fresh embedded database, first as a dry run,
 * then applied in its one transaction. Prints rows/s and the ratio to the goal.
 */
export async function measureCustomerImport(rows = 100_000): Promise<ImportFigures> {
	const path = '.data/bench-import.db';
	mkdirSync('.data', { recursive: true });
	for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
	const client = createClient({ url: `file:${path}` });
	try {
		await migrate(client);
		const csv = customerCsv(rows);
		const ctx = () => systemCtx(drizzleOver(client), Date.now());
		const time = async (dryRun: boolean) => {
			const started = performance.now();
			let last = started;
			const report = await importCustomers({
				ctx: ctx(),
				input: { csv, dryRun },
				// Where the time goes, stage by stage (each line: the stage that just ended).
				progress: (stage) => {
					const at = performance.now();
					console.log(`  ${((at - last) / 1000).toFixed(1)} s, then: ${stage}`);
					last = at;
				}
			});
			if (report.errorCount > 0 || report.created !== rows)
				throw new Error(`import bench: ${report.errorCount} errors, ${report.created} created`);
			return (performance.now() - started) / 1000;
		};
		const dryRunSeconds = await time(true);
		const applySeconds = await time(false);
		const figures = {
			rows,
			bytes: csv.length,
			dryRunSeconds: round(dryRunSeconds),
			applySeconds: round(applySeconds),
			rowsPerSecond: Math.round(rows / applySeconds),
			goalSeconds: 60
		};
		console.log(
			`customer import: ${rows.toLocaleString('en-GB')} rows (${(csv.length / 1024 / 1024).toFixed(1)} MiB): ` +
				`dry run ${figures.dryRunSeconds} s, apply ${figures.applySeconds} s = ` +
				`${figures.rowsPerSecond.toLocaleString('en-GB')} rows/s; ` +
				`${round(applySeconds / 60)}× the 60 s goal`
		);
		return figures;
	} finally {
		client.close();
		for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
	}
}

const round = (n: number) => Math.round(n * 100) / 100;

// `npx tsx bench/customer-import.ts [rows]`: this measurement alone.
if (import.meta.url === `file://${process.argv[1]}`) {
	measureCustomerImport(Number(process.argv[2] ?? 100_000)).then(
		() => process.exit(0),
		(error: unknown) => {
			console.error(error);
			process.exit(1);
		}
	);
}
