import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Client } from '@libsql/client';
import { drizzleOver } from '../../db/client';
import { systemCtx } from '../../worker/core/context';
import { DomainError } from '../../worker/core/errors';
import {
	IMPORT_FIELDS,
	IMPORT_FORMATS,
	type ImportField,
	type ImportFormat,
	type Mapping
} from '../../worker/features/orders/import-formats';
import { importOrders, type ImportProgress } from '../../worker/features/orders/import-orders';
import type { ImportResult } from '../../worker/features/orders/import-schemas';
import { CommandFailed, UsageError } from './command';
import { loadOrCreateDataKey } from './data-key';

// `ordo import orders FILE [--dry-run] [--map Field=Column]… [--map mapping.json]`: the
// same verb as POST /api/orders/import, in process, so a big file needs no upload limit.

export const ORDERS_IMPORT_HELP = `Orders (order history, whole file or nothing; stock levels do not move):
  FILE          CSV, or .csv.gz; Online Retail and Shopify exports are recognised by their header
  --map F=C     read field F from column C (repeatable); fields: ${Object.keys(IMPORT_FIELDS).join(', ')}
  --map X.json  {"format": "${IMPORT_FORMATS.join('|')}", "columns": {"order": "Invoice", …}}`;

function parseMappings(values: readonly string[]): { format?: ImportFormat; map: Mapping } {
	let format: ImportFormat | undefined;
	const map: Mapping = {};
	for (const value of values) {
		if (value.endsWith('.json')) {
			const json = JSON.parse(readFileSync(value, 'utf8')) as {
				format?: ImportFormat;
				columns?: Record<string, string>;
			};
			if (json.format && !IMPORT_FORMATS.includes(json.format))
				throw new UsageError(`${value}: unknown format "${json.format}"`, 'import');
			format = json.format ?? format;
			Object.assign(map, json.columns ?? {});
			continue;
		}
		const at = value.indexOf('=');
		if (at <= 0)
			throw new UsageError(`--map takes Field=Column or a .json file, not "${value}"`, 'import');
		map[value.slice(0, at) as ImportField] = value.slice(at + 1);
	}
	const unknown = Object.keys(map).filter((f) => !(f in IMPORT_FIELDS));
	if (unknown.length > 0)
		throw new UsageError(
			`unknown field ${unknown.join(', ')}; fields: ${Object.keys(IMPORT_FIELDS).join(', ')}`,
			'import'
		);
	return { format, map };
}

const count = (n: number) => n.toLocaleString('en-GB');

function progressPrinter(): (p: ImportProgress) => void {
	// Big files only: a progress line on stderr each phase and every 5,000 rows checked.
	return (p) => {
		if (p.total < 5000) return;
		const what =
			p.phase === 'reading'
				? 'read'
				: p.phase === 'checking'
					? 'checked'
					: p.done === 0
						? 'writing'
						: 'written';
		console.error(
			p.phase === 'writing' && p.done === 0
				? `writing ${count(p.total)} rows in one batch…`
				: `${what} ${count(p.done)} of ${count(p.total)} rows`
		);
	};
}

export function describeResult(r: ImportResult, ms: number): string {
	const verb = r.applied ? 'imported' : 'dry run, nothing written: would import';
	const unmatched =
		r.unmatchedReturns > 0
			? `; ${count(r.unmatchedReturns)} return rows matched no purchase in the file (not imported): ${r.unmatched
					.slice(0, 5)
					.map((u) => `line ${u.line}`)
					.join(', ')}${r.unmatchedReturns > 5 ? ', …' : ''}`
			: '';
	return `${r.formatLabel}: ${verb} ${count(r.orders)} orders (${count(r.lines)} lines), ${count(r.returns)} returns (${count(r.returnLines)} lines), ${count(r.customersCreated)} new customers, ${count(r.productsCreated)} new products from ${count(r.rows)} rows in ${(ms / 1000).toFixed(1)} s${unmatched}`;
}

export async function importOrdersFile({
	client,
	path,
	now,
	dryRun = false,
	map = []
}: {
	client: Client;
	path: string;
	now: number;
	dryRun?: boolean;
	map?: readonly string[];
}): Promise<string> {
	const mapping = parseMappings(map);
	const bytes = readFileSync(path);
	const csv = (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
	const started = performance.now();
	try {
		const result = await importOrders({
			ctx: systemCtx(drizzleOver(client), now, loadOrCreateDataKey()),
			input: {
				csv,
				format: mapping.format,
				map: mapping.map,
				dryRun,
				onProgress: progressPrinter()
			}
		});
		return describeResult(result, performance.now() - started);
	} catch (error) {
		if (!(error instanceof DomainError)) throw error;
		// A terminal shows the first lines to fix; the API's problem lists up to 500.
		const all = Object.entries(error.errors ?? {});
		const lines = all.slice(0, 20).map(([where, messages]) => `  ${where}: ${messages.join('; ')}`);
		if (all.length > 20) lines.push(`  … and ${all.length - 20} more lines`);
		throw new CommandFailed(
			[`${error.title}.`, error.detail ?? '', ...lines].filter(Boolean).join('\n')
		);
	}
}
