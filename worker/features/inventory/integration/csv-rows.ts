import * as v from 'valibot';
import { Invalid, type FieldErrors } from '../../../core/errors';
import { unreadableCharacter } from '../../../core/readable-text';
import { containsCardNumber } from '../../../lib/card-data';
import { CsvSyntaxError, parseCsv, readCell, type CsvRecord } from '../../../lib/csv';
import { base64ToBytes, gunzipText, TooLarge } from '../../../lib/gzip';

// Reading the products and stock CSV files: the header names the columns (any order, any
// case, spaces or underscores), every cell crosses a valibot schema, and every problem is
// named by the line a person sees in their spreadsheet. A file with any problem writes nothing.

export const MAX_CSV_BYTES = 64 * 1024 * 1024;
export const MAX_LISTED = 500;

export type RowError = { line: number; message: string };
export type ImportProgress = {
	phase: 'reading' | 'checking' | 'writing';
	done: number;
	total: number;
};

export const normaliseColumn = (name: string) =>
	name
		.trim()
		.toLowerCase()
		.replace(/[\s-]+/g, '_');

/** The text of an upload: plain, or gzip + base64 (past the server's 1 MiB body limit). */
export async function uploadedText(body: { csv?: string; csvGzip?: string }): Promise<string> {
	if (body.csv !== undefined) return body.csv;
	try {
		return await gunzipText(base64ToBytes(body.csvGzip ?? ''), MAX_CSV_BYTES);
	} catch (error) {
		throw new Invalid(
			'import-file-unreadable',
			error instanceof TooLarge
				? 'The file is too large to import at once'
				: 'The file is not gzip-compressed CSV',
			error instanceof TooLarge
				? `Files up to ${MAX_CSV_BYTES / 1024 / 1024} MiB of CSV are imported in one go; split it.`
				: 'Compress the CSV with gzip, then encode it as base64.'
		);
	}
}

export function rowProblem(errors: RowError[], rows: number): Invalid {
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

export type Table = {
	records: CsvRecord[];
	/** Column name (normalised) → index. */
	columns: Map<string, number>;
	ignoredColumns: string[];
};

/** Parses the file and checks its header: the required columns are there, none twice. */
export function readTable(
	csv: string,
	{ required, known }: { required: readonly string[]; known: readonly string[] }
): Table {
	let parsed;
	try {
		parsed = parseCsv(csv);
	} catch (error) {
		if (error instanceof CsvSyntaxError)
			throw rowProblem([{ line: error.line, message: error.message }], 0);
		throw error;
	}
	const columns = new Map<string, number>();
	const ignoredColumns: string[] = [];
	const problems: string[] = [];
	parsed.header.forEach((name, i) => {
		const column = normaliseColumn(name);
		if (columns.has(column)) problems.push(`Column ${name} is in the header twice`);
		else if (known.includes(column)) columns.set(column, i);
		else if (column) ignoredColumns.push(name);
	});
	for (const column of required)
		if (!columns.has(column)) problems.push(`The header has no ${column} column`);
	if (problems.length > 0)
		throw new Invalid(
			'import-header',
			'The file’s header does not fit',
			`Columns: ${required.join(', ')} (required), ${known.filter((k) => !required.includes(k)).join(', ')}.`,
			{ header: problems }
		);
	if (parsed.records.length === 0)
		throw new Invalid('import-empty', 'The file has a header and no rows');
	return { records: parsed.records, columns, ignoredColumns };
}

/** A cell by column name: undefined when the file has no such column. */
export function cellOf(table: Table, record: CsvRecord, column: string): string | undefined {
	const at = table.columns.get(column);
	if (at === undefined) return undefined;
	return readCell((record.cells[at] ?? '').trim());
}

/** The text checks input() makes on a request, for text that arrives in a file. */
export function textProblem(column: string, text: string): string | null {
	const unreadable = unreadableCharacter(text);
	if (unreadable) return `${column}: ${unreadable}`;
	if (containsCardNumber(text))
		return `${column}: card numbers must not be entered in Ordo; remove it.`;
	return null;
}

/** The messages of a failed valibot parse, each prefixed with its field. */
export function issuesOf(
	issues: readonly v.BaseIssue<unknown>[],
	names: Record<string, string>
): string[] {
	return issues.map((issue) => {
		const key = issue.path?.map((p) => String(p.key)).join('.') ?? '';
		return `${names[key] ?? key}: ${issue.message}`;
	});
}

/** How many decimals a currency's price has (GBP 2, JPY 0), from the runtime's ICU data. */
export function minorDigits(currency: string): number {
	try {
		return (
			new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
				.maximumFractionDigits ?? 2
		);
	} catch {
		return 2;
	}
}

/** "12.50" → 1250 from the text, never through a float; null when it is not a price. */
export function parseMoney(text: string, digits: number): number | null {
	const match = /^(\d{1,10})(?:\.(\d+))?$/.exec(text.replace(/^[£$€]/, ''));
	if (!match) return null;
	const fraction = match[2] ?? '';
	if (fraction.length > digits) return null;
	return Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

export function formatMoney(minor: number, currency: string): string {
	const digits = minorDigits(currency);
	if (digits === 0) return String(minor);
	const text = String(minor).padStart(digits + 1, '0');
	return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
