import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { Conflict, Invalid, type FieldErrors } from '../../core/errors';
import { mutate } from '../../core/mutate';
import { CsvSyntaxError, parseCsv } from '../../lib/csv';
import { base64ToBytes, gunzipText, TooLarge } from '../../lib/gzip';
import { auditEntry } from '../audit/record';
import { resolveMapping, type ImportFormat, type Mapping } from './import-formats';
import { planImport, type ImportPlan } from './import-plan';
import { readImportRows, type RowError } from './import-rows';
import { MAX_IMPORT_CSV_BYTES, type ImportResult } from './import-schemas';
import { readImportSnapshot } from './import-snapshot';
import { importWrites } from './import-write';

// Order history import (issue 7): check the whole file, decide, then write it in ONE batch,
// or change nothing and say what is wrong on which line. Two round trips: the snapshot of
// what exists (customers, products, earlier imports), then the batch.

export type ImportProgress = {
	phase: 'reading' | 'checking' | 'writing';
	done: number;
	total: number;
};

export type ImportOrdersInput = {
	csv: string;
	format?: ImportFormat;
	map?: Mapping;
	dryRun: boolean;
	onProgress?: (progress: ImportProgress) => void;
};

const MAX_LISTED = 500;
const PREVIEW = 10;

function rowProblem(errors: RowError[], rows: number): Invalid {
	const sorted = [...errors].sort((a, b) => a.line - b.line);
	const listed: FieldErrors = {};
	for (const e of sorted.slice(0, MAX_LISTED)) (listed[`line ${e.line}`] ??= []).push(e.message);
	const more = sorted.length > MAX_LISTED ? ` The first ${MAX_LISTED} are listed.` : '';
	return new Invalid(
		'import-rows-invalid',
		`${sorted.length} problem${sorted.length === 1 ? '' : 's'} in the file; nothing was imported`,
		`Fix the lines listed (of ${rows} rows) and import the file again.${more}`,
		listed
	);
}

/** The text of an upload: plain, or gzip + base64 (the API's way past the 1 MiB body limit). */
export async function uploadedCsv(body: { csv?: string; csvGzip?: string }): Promise<string> {
	if (body.csv !== undefined) return body.csv;
	try {
		return await gunzipText(base64ToBytes(body.csvGzip ?? ''), MAX_IMPORT_CSV_BYTES);
	} catch (error) {
		throw new Invalid(
			'import-file-unreadable',
			error instanceof TooLarge
				? 'The file is too large to import at once'
				: 'The file is not gzip-compressed CSV',
			error instanceof TooLarge
				? `Files up to ${MAX_IMPORT_CSV_BYTES / 1024 / 1024} MiB of CSV are imported in one go; split it by date.`
				: 'Compress the CSV with gzip, then encode it as base64.'
		);
	}
}

function summarise(
	plan: ImportPlan,
	base: Omit<
		ImportResult,
		| 'orders'
		| 'lines'
		| 'returns'
		| 'returnLines'
		| 'customersCreated'
		| 'productsCreated'
		| 'unmatchedReturns'
		| 'unmatched'
		| 'preview'
	>
): ImportResult {
	const returnedUnits = new Map<string, number>();
	for (const r of plan.returns)
		returnedUnits.set(
			r.orderId,
			(returnedUnits.get(r.orderId) ?? 0) + r.lines.reduce((n, l) => n + l.quantity, 0)
		);
	return {
		...base,
		orders: plan.orders.length,
		lines: plan.orders.reduce((n, o) => n + o.lines.length, 0),
		returns: plan.returns.length,
		returnLines: plan.returns.reduce((n, r) => n + r.lines.length, 0),
		customersCreated: plan.customers.length,
		productsCreated: plan.products.length,
		unmatchedReturns: plan.unmatched.length,
		unmatched: plan.unmatched.slice(0, 100),
		preview: plan.orders.slice(0, PREVIEW).map((o) => ({
			ref: o.ref,
			line: o.firstLine,
			placedAt: new Date(o.placedAt).toISOString(),
			customer: o.customerLabel,
			lines: o.lines.length,
			units: o.lines.reduce((n, l) => n + (l.kind === 'product' ? l.quantity : 0), 0),
			totalMinor: o.totalMinor,
			currency: o.currency,
			status: o.status,
			paymentStatus: o.paymentStatus,
			returnedUnits: returnedUnits.get(o.id) ?? 0
		}))
	};
}

export async function importOrders({
	ctx,
	input
}: {
	ctx: Ctx;
	input: ImportOrdersInput;
}): Promise<ImportResult> {
	const progress = input.onProgress ?? (() => {});
	let table;
	try {
		table = parseCsv(input.csv);
	} catch (error) {
		if (error instanceof CsvSyntaxError)
			throw rowProblem([{ line: error.line, message: error.message }], 0);
		throw error;
	}
	const total = table.records.length;
	progress({ phase: 'reading', done: total, total });
	const resolved = resolveMapping(table.header, { format: input.format, overrides: input.map });
	if ('errors' in resolved)
		throw new Invalid(
			'import-mapping',
			'The columns of the file do not fit the mapping',
			'Map each field to a column of the file (Field=Column).',
			{ mapping: resolved.errors }
		);
	const { mapping } = resolved;
	if (total === 0) throw new Invalid('import-empty', 'The file has a header and no rows');
	const read = readImportRows(table.records, mapping, (done) =>
		progress({ phase: 'checking', done, total })
	);
	if (read.errors.length > 0) throw rowProblem(read.errors, total);
	const snapshot = await readImportSnapshot(ctx, read.rows);
	const plan = planImport({
		rows: read.rows,
		preset: mapping.preset,
		lifecycleMapped:
			mapping.index.fulfilmentStatus !== undefined || mapping.index.financialStatus !== undefined,
		snapshot
	});
	progress({ phase: 'checking', done: total, total });
	if (plan.errors.length > 0) throw rowProblem(plan.errors, total);
	if (plan.alreadyImported.length > 0) {
		const listed: FieldErrors = {};
		for (const a of plan.alreadyImported.slice(0, MAX_LISTED))
			listed[`line ${a.line}`] = [
				a.number
					? `order ${a.ref} was already imported as ${a.number}`
					: `return ${a.ref} was already imported`
			];
		throw new Conflict(
			'already-imported',
			`${plan.alreadyImported.length} of the file's orders and returns were already imported; nothing was imported`,
			'Ordo keeps each source reference once. Remove the lines already imported, or leave the file as it is: it is in Ordo already.',
			listed
		);
	}
	if (plan.orders.length === 0 && plan.returns.length === 0)
		throw new Invalid(
			'import-nothing',
			'The file holds no order to import',
			'Every row is a return that matches no purchase in the file.'
		);
	const label = mapping.preset?.label ?? 'CSV';
	const result = summarise(plan, {
		format: mapping.format,
		formatLabel: label,
		columns: mapping.columns,
		dryRun: input.dryRun,
		applied: false,
		rows: total
	});
	if (input.dryRun) return result;
	progress({ phase: 'writing', done: 0, total });
	const applied = await mutate<ImportResult>(ctx, {
		writes: [
			auditEntry(ctx, {
				action: 'order.import',
				target: { type: 'import', id: ctx.requestId },
				details: {
					format: mapping.format,
					rows: total,
					orders: result.orders,
					lines: result.lines,
					returns: result.returns,
					customers: result.customersCreated,
					products: result.productsCreated
				}
			}),
			...importWrites(ctx, plan, label)
		],
		result: sql`json_set(${JSON.stringify(result)}, '$.applied', json('true'))`
	});
	progress({ phase: 'writing', done: total, total });
	return applied;
}
