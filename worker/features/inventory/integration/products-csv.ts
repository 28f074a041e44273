import { sql } from 'drizzle-orm';
import * as v from 'valibot';
import type { Ctx } from '../../../core/context';
import { mutate } from '../../../core/mutate';
import { toCsv } from '../../../lib/csv';
import { auditEntry } from '../../audit/record';
import {
	cellOf,
	formatMoney,
	issuesOf,
	minorDigits,
	parseMoney,
	readTable,
	rowProblem,
	textProblem,
	type ImportProgress,
	type RowError
} from './csv-rows';
import { ProductUpsert, type CsvImportResult } from './schemas';
import { barcodeConflict, planUpsert, upsertWrites } from './upsert-products';

// Products as CSV: sku, name, barcode, price (major units, "2.55"), currency, reorder_point,
// active. The export is what the import reads back (a round trip changes nothing).

export const PRODUCT_COLUMNS = [
	'sku',
	'name',
	'barcode',
	'price',
	'currency',
	'reorder_point',
	'active'
];
const REQUIRED = ['sku', 'name', 'price'];
const PREVIEW = 20;
const FIELD_NAMES: Record<string, string> = {
	sku: 'sku',
	name: 'name',
	barcode: 'barcode',
	priceMinor: 'price',
	currency: 'currency',
	reorderPoint: 'reorder_point',
	active: 'active'
};
const BOOLEAN: Record<string, boolean> = {
	true: true,
	yes: true,
	'1': true,
	false: false,
	no: false,
	'0': false
};

export async function exportProductsCsv({ ctx }: { ctx: Ctx }): Promise<string> {
	const rows = await ctx.db.all<Record<string, string | number | null>>(
		sql`SELECT sku, name, barcode, price_minor, currency, reorder_point, active FROM products ORDER BY sku`
	);
	return toCsv(
		PRODUCT_COLUMNS,
		rows.map((r) => [
			String(r.sku),
			String(r.name),
			r.barcode === null ? null : String(r.barcode),
			formatMoney(Number(r.price_minor), String(r.currency)),
			String(r.currency),
			Number(r.reorder_point),
			Number(r.active) ? 'true' : 'false'
		])
	);
}

type Read = { rows: ProductUpsert[]; lines: number[]; errors: RowError[] };

function readRows(csv: string, progress: (p: ImportProgress) => void) {
	const table = readTable(csv, { required: REQUIRED, known: PRODUCT_COLUMNS });
	const read: Read = { rows: [], lines: [], errors: [] };
	const total = table.records.length;
	const seen = new Map<string, number>();
	table.records.forEach((record, i) => {
		if (i % 5000 === 0) progress({ phase: 'checking', done: i, total });
		const cell = (column: string) => cellOf(table, record, column);
		const problems: string[] = [];
		for (const column of ['sku', 'name', 'barcode', 'currency']) {
			const problem = textProblem(column, cell(column) ?? '');
			if (problem) problems.push(problem);
		}
		const currency = cell('currency') || undefined;
		const price = parseMoney(cell('price') ?? '', minorDigits(currency ?? 'GBP'));
		if (price === null) problems.push(`price: "${cell('price')}" is not a price (like 2.55)`);
		const active = cell('active');
		if (active && BOOLEAN[active.toLowerCase()] === undefined)
			problems.push(`active: use true or false, not "${active}"`);
		const reorder = cell('reorder_point');
		const barcode = cell('barcode');
		const parsed = v.safeParse(ProductUpsert, {
			sku: cell('sku'),
			name: cell('name'),
			priceMinor: price ?? 0,
			// An empty barcode cell clears it; no barcode column keeps what products have.
			...(barcode === undefined ? {} : { barcode: barcode || null }),
			...(currency ? { currency } : {}),
			...(reorder ? { reorderPoint: /^\d+$/.test(reorder) ? Number(reorder) : -1 } : {}),
			...(active ? { active: BOOLEAN[active.toLowerCase()] ?? true } : {})
		});
		if (!parsed.success) problems.push(...issuesOf(parsed.issues, FIELD_NAMES));
		// Repeats are named here, with the other cell problems, so one pass lists them all.
		for (const key of parsed.success
			? [`sku ${parsed.output.sku}`, `barcode ${parsed.output.barcode ?? ''}`]
			: []) {
			if (key === 'barcode ') continue;
			const earlier = seen.get(key);
			if (earlier !== undefined)
				problems.push(`${key.replace(' ', ': ')} is also on line ${earlier}`);
			else seen.set(key, record.line);
		}
		if (problems.length > 0) {
			read.errors.push(...problems.map((message) => ({ line: record.line, message })));
			return;
		}
		if (parsed.success) {
			read.rows.push(parsed.output);
			read.lines.push(record.line);
		}
	});
	return { read, table, total };
}

/**
 * `ordo import products FILE` and POST /api/inventory/import/products: every row checked,
 * then ONE read (what exists) and ONE batch, or nothing and every line to fix.
 */
export async function importProductsCsv({
	ctx,
	csv,
	dryRun,
	onProgress = () => {}
}: {
	ctx: Ctx;
	csv: string;
	dryRun: boolean;
	onProgress?: (p: ImportProgress) => void;
}): Promise<CsvImportResult> {
	const { read, table, total } = readRows(csv, onProgress);
	onProgress({ phase: 'reading', done: total, total });
	if (read.errors.length > 0) throw rowProblem(read.errors, total);
	const lineOf = (i: number) => `line ${read.lines[i]}`;
	const { plan, errors } = await planUpsert(ctx, read.rows, (i) => lineOf(i));
	onProgress({ phase: 'checking', done: total, total });
	if (Object.keys(errors).length > 0) {
		const list = Object.entries(errors).flatMap(([where, messages]) =>
			messages.map((message) => ({ line: Number(where.slice(5)), message }))
		);
		if (list.some((e) => e.message.includes(' is also on '))) throw rowProblem(list, total);
		throw barcodeConflict(errors);
	}
	const created = read.rows.filter((r) => !plan.existing.has(r.sku)).length;
	const result: CsvImportResult = {
		kind: 'products',
		dryRun,
		applied: false,
		rows: total,
		created,
		updated: read.rows.length - created,
		unchanged: 0,
		ignoredColumns: table.ignoredColumns,
		preview: read.rows.slice(0, PREVIEW).map((row, i) => {
			const before = plan.existing.get(row.sku);
			const price = (minor: number, currency: string) =>
				`${formatMoney(minor, currency)} ${currency}`;
			return {
				line: read.lines[i]!,
				sku: row.sku,
				what: before ? 'update' : 'create',
				from: before ? `${before.name}, ${price(before.priceMinor, before.currency)}` : null,
				to: `${row.name}, ${price(row.priceMinor, row.currency ?? before?.currency ?? 'GBP')}`
			};
		})
	};
	if (dryRun) return result;
	onProgress({ phase: 'writing', done: 0, total });
	const applied = await mutate<CsvImportResult>(ctx, {
		writes: [
			...upsertWrites(ctx, plan),
			auditEntry(ctx, {
				action: 'product.import',
				target: { type: 'products', id: ctx.requestId },
				details: { rows: total, created, updated: result.updated }
			})
		],
		result: sql`SELECT json(${JSON.stringify({ ...result, applied: true })})`
	});
	onProgress({ phase: 'writing', done: total, total });
	return applied;
}
