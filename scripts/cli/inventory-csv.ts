import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Client } from '@libsql/client';
import { drizzleOver } from '../../db/client';
import { systemCtx } from '../../worker/core/context';
import { DomainError } from '../../worker/core/errors';
import type { ImportProgress } from '../../worker/features/inventory/integration/csv-rows';
import {
	exportProductsCsv,
	importProductsCsv
} from '../../worker/features/inventory/integration/products-csv';
import type { CsvImportResult } from '../../worker/features/inventory/integration/schemas';
import {
	exportStockCsv,
	importStockCsv
} from '../../worker/features/inventory/integration/stock-csv';
import { CommandFailed } from './command';
import { loadOrCreateDataKey } from './data-key';

// `ordo import products|stock FILE [--dry-run]` and `ordo export products|stock`: the same
// verbs as /api/inventory/import/* and /api/inventory/export/*, in process (any file size).

const count = (n: number) => n.toLocaleString('en-GB');

function progressPrinter(): (p: ImportProgress) => void {
	// Big files only: a line on stderr each phase and every 5,000 rows checked.
	return (p) => {
		if (p.total < 5000) return;
		const what =
			p.phase === 'writing'
				? p.done === 0
					? 'writing'
					: 'written'
				: p.phase === 'reading'
					? 'read'
					: 'checked';
		console.error(`${what} ${count(p.done || p.total)} of ${count(p.total)} rows`);
	};
}

export function describeImport(r: CsvImportResult, ms: number): string {
	const head = r.dryRun ? 'dry run, nothing written: would' : '';
	const done =
		r.kind === 'products'
			? `${head ? `${head} create` : 'created'} ${count(r.created)} and ${head ? 'update' : 'updated'} ${count(r.updated)} products`
			: `${head ? `${head} change` : 'changed'} ${count(r.updated)} stock levels (${count(r.unchanged)} already right)`;
	const ignored =
		r.ignoredColumns.length > 0 ? `; columns left out: ${r.ignoredColumns.join(', ')}` : '';
	return `${done} from ${count(r.rows)} rows in ${(ms / 1000).toFixed(1)} s${ignored}`;
}

function failure(error: unknown): never {
	if (!(error instanceof DomainError)) throw error;
	const all = Object.entries(error.errors ?? {});
	const lines = all.slice(0, 20).map(([where, messages]) => `  ${where}: ${messages.join('; ')}`);
	if (all.length > 20) lines.push(`  … and ${all.length - 20} more lines`);
	throw new CommandFailed(
		[`${error.title}.`, error.detail ?? '', ...lines].filter(Boolean).join('\n')
	);
}

type FileArgs = { client: Client; path: string; now: number; dryRun?: boolean };

async function importFile(
	kind: 'products' | 'stock',
	{ client, path, now, dryRun = false }: FileArgs
) {
	const bytes = readFileSync(path);
	const csv = (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
	const started = performance.now();
	const ctx = systemCtx(drizzleOver(client), now, loadOrCreateDataKey());
	const run = kind === 'products' ? importProductsCsv : importStockCsv;
	try {
		const result = await run({ ctx, csv, dryRun, onProgress: progressPrinter() });
		return describeImport(result, performance.now() - started);
	} catch (error) {
		failure(error);
	}
}

export const importProductsFile = (args: FileArgs) => importFile('products', args);
export const importStockFile = (args: FileArgs) => importFile('stock', args);

export async function exportProducts({
	client,
	write
}: {
	client: Client;
	write: (chunk: string) => void;
}) {
	write(await exportProductsCsv({ ctx: systemCtx(drizzleOver(client)) }));
}

export async function exportStock({
	client,
	write
}: {
	client: Client;
	write: (chunk: string) => void;
}) {
	write(await exportStockCsv({ ctx: systemCtx(drizzleOver(client)) }));
}
