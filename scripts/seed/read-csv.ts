import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import * as v from 'valibot';

// Node-only (reads a file): the seed runs from the CLI and tests, never in the Worker.
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The December 2010 Online Retail slice shipped in the repository (CC BY 4.0, see its README). */
export const BUNDLED_RETAIL_CSV = resolve(
	REPO_ROOT,
	'data/online-retail/online_retail_2010-12.csv.gz'
);

/** An optional larger or newer copy: shared/ beside the repository, when it is there. */
export const SHARED_RETAIL_CSV = resolve(
	REPO_ROOT,
	'../shared/data/online-retail/online_retail_2010-12.csv'
);

export type RetailLine = {
	invoice: string;
	cancelled: boolean;
	stockCode: string;
	description: string;
	quantity: number;
	placedAt: number;
	unitPriceMinor: number;
	customerNumber: string | null;
	country: string;
};

const decimal = (what: string) =>
	v.pipe(v.string(), v.regex(/^-?\d+(\.\d+)?$/, `${what} is not a number`));

// The CSV is input like any other (DESIGN §7): each row crosses a schema before use.
const RetailRow = v.object({
	InvoiceNo: v.pipe(
		v.string(),
		v.regex(/^C?\d{6}$/, 'InvoiceNo must be 6 digits, C for a cancellation')
	),
	StockCode: v.pipe(v.string(), v.trim(), v.minLength(1, 'StockCode is empty')),
	Description: v.pipe(v.string(), v.trim()),
	Quantity: v.pipe(v.string(), v.regex(/^-?\d+$/, 'Quantity must be a whole number')),
	InvoiceDate: v.pipe(
		v.string(),
		v.regex(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/, 'InvoiceDate must be YYYY-MM-DD HH:MM:SS')
	),
	UnitPrice: decimal('UnitPrice'),
	CustomerID: v.pipe(v.string(), v.regex(/^(\d+(\.0)?)?$/, 'CustomerID must be a number or empty')),
	Country: v.pipe(v.string(), v.trim())
});

/**
 * The CSV to use: explicit, then ORDO_RETAIL_CSV, then shared/ beside the repository when
 * present, then the copy in the repository, so a bare clone always has its demo shop.
 */
export function resolveRetailCsv(csvPath?: string): string {
	const chosen = csvPath ?? process.env.ORDO_RETAIL_CSV;
	if (chosen === undefined || chosen === '') {
		return existsSync(SHARED_RETAIL_CSV) ? SHARED_RETAIL_CSV : BUNDLED_RETAIL_CSV;
	}
	const path = resolve(chosen);
	if (!existsSync(path)) {
		throw new Error(
			`The Online Retail CSV was not found at ${path}. Pass --data FILE or set ORDO_RETAIL_CSV.`
		);
	}
	return path;
}

/** Reads and validates every line (gunzipping a .gz); a bad row fails the whole read, naming its line. */
export function readRetailCsv(path: string): RetailLine[] {
	const bytes = readFileSync(path);
	const text = path.endsWith('.gz') ? gunzipSync(bytes) : bytes;
	const records = parse(text, { columns: true, skip_empty_lines: true }) as unknown[];
	return records.map((record, index) => {
		const parsed = v.safeParse(RetailRow, record);
		if (!parsed.success) {
			throw new Error(`${path} line ${index + 2}: ${parsed.issues[0].message}`);
		}
		const row = parsed.output;
		return {
			invoice: row.InvoiceNo,
			cancelled: row.InvoiceNo.startsWith('C'),
			stockCode: row.StockCode.toUpperCase(),
			description: row.Description,
			quantity: Number(row.Quantity),
			placedAt: Date.parse(`${row.InvoiceDate.replace(' ', 'T')}Z`),
			// Prices are decimal pounds; integer pence from here on (DESIGN §3: never floats).
			unitPriceMinor: Math.round(Number(row.UnitPrice) * 100),
			customerNumber: row.CustomerID ? row.CustomerID.replace(/\.0$/, '') : null,
			country: row.Country
		};
	});
}
