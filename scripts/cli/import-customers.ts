import { readFileSync, statSync } from 'node:fs';
import type { Client } from '@libsql/client';
import { drizzleOver } from '../../db/client';
import { systemCtx } from '../../worker/core/context';
import { DomainError } from '../../worker/core/errors';
import { importCustomers } from '../../worker/features/customers/import-customers';
import type { ImportReport } from '../../worker/features/customers/data-request-schemas';
import { CommandFailed } from './command';
import { loadOrCreateDataKey } from './data-key';

const count = (n: number, one: string, many = `${one}s`) =>
	`${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

function describe(report: ImportReport, seconds: number): string {
	const lines: string[] = [];
	if (report.unknownColumns.length > 0)
		lines.push(`Not imported, unknown columns: ${report.unknownColumns.join(', ')}`);
	for (const m of report.matched.slice(0, 20))
		lines.push(`Line ${m.line} matches customer ${m.number} exactly: not imported again`);
	if (report.matched.length > 20) lines.push(`… and ${report.matched.length - 20} more matches`);
	for (const e of report.errors) lines.push(e.message);
	const verb = report.dryRun ? 'would create' : 'created';
	lines.push(
		`${report.dryRun ? 'Dry run, nothing written: ' : ''}${count(report.rows, 'row')} read, ` +
			`${verb} ${count(report.created, 'customer')}, ` +
			`${count(report.matched.length, 'exact match', 'exact matches')} left as they were` +
			(report.errorCount > 0 ? `, ${count(report.errorCount, 'problem')}` : '') +
			` (${seconds.toFixed(1)} s)`
	);
	return lines.join('\n');
}

/** `ordo import customers FILE [--dry-run]`: the API's verb over the CLI's database. */
export async function importCustomersFile({
	client,
	path,
	now,
	dryRun = false
}: {
	client: Client;
	path: string;
	now: number;
	dryRun?: boolean;
}): Promise<string> {
	const started = performance.now();
	const size = statSync(path).size;
	if (size > 1024 * 1024)
		console.error(`Reading ${path} (${(size / 1024 / 1024).toFixed(1)} MiB)…`);
	const csv = readFileSync(path, 'utf8');
	const ctx = systemCtx(drizzleOver(client), now, loadOrCreateDataKey());
	try {
		const report = await importCustomers({
			ctx,
			input: { csv, dryRun },
			progress: size > 1024 * 1024 ? (stage) => console.error(stage) : undefined
		});
		const text = describe(report, (performance.now() - started) / 1000);
		if (report.errorCount > 0) throw new CommandFailed(text);
		return text;
	} catch (error) {
		if (!(error instanceof DomainError)) throw error;
		const lines = Object.values(error.errors ?? {}).flat();
		throw new CommandFailed([...lines, error.title].join('\n'));
	}
}
