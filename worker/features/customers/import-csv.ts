// The browser build of csv-parse: the package's default build needs Node's Buffer, which a
// Worker without nodejs_compat (and the page) does not have; this one carries its own.
import { parse } from 'csv-parse/browser/esm/sync';

/** The columns a customer import understands, in the order the template lists them. */
export const IMPORT_COLUMNS = [
	'external_id',
	'first_name',
	'last_name',
	'email',
	'phone',
	'address_line1',
	'address_line2',
	'city',
	'region',
	'postal_code',
	'country',
	'date_of_birth'
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** One data row: its line in the file (1 is the header) and its known columns, trimmed. */
export type CsvRow = { line: number; values: Partial<Record<ImportColumn, string>> };

/** A problem a person fixes in the file; `line` 1 is the header, 0 the file as a whole. */
export type RowError = { line: number; column?: string; message: string };

export type ParsedCsv = {
	/** The header as written, and what each of its columns maps to (null: not imported). */
	header: { name: string; column: ImportColumn | null }[];
	unknownColumns: string[];
	rows: CsvRow[];
	/** File-level and shape errors (no header, a repeated column, a row with too many fields). */
	errors: RowError[];
};

const KNOWN = new Set<string>(IMPORT_COLUMNS);

/** "First name", "first-name" and "FIRST_NAME" all mean first_name. */
export function columnFor(name: string): ImportColumn | null {
	const key = name
		.trim()
		.toLowerCase()
		.replace(/[\s-]+/g, '_');
	return KNOWN.has(key) ? (key as ImportColumn) : null;
}

const MAX_COLUMNS = 100;
const MAX_HEADER_CHARS = 10_000;

type Record_ = { record: string[]; info: { lines: number } };

function readRecords(text: string): Record_[] | RowError {
	try {
		return parse(text, {
			bom: true,
			info: true,
			relax_column_count: true,
			skip_empty_lines: true,
			skip_records_with_empty_values: true
		}) as unknown as Record_[];
	} catch (error) {
		const lines = (error as { lines?: number }).lines ?? 0;
		const reason = (error as Error).message.replace(/^Invalid [^:]*:\s*/, '');
		return {
			line: lines,
			message: `The file could not be read as CSV near line ${lines}: ${reason}`
		};
	}
}

/**
 * Reads a CSV file with a header row into rows keyed by the known columns. Any subset of
 * the columns in any order; unknown columns are reported and left out; a repeated column
 * or a row with more fields than the header is an error naming its line.
 */
export function parseCustomerCsv(text: string): ParsedCsv {
	// A header of a million columns took 23 s to check and echoed 42 MB back (tester's pass):
	// refuse a header no customer file has before reading the rows.
	const end = text.indexOf('\n');
	const headerLine = end < 0 ? text : text.slice(0, end);
	const columns = headerLine.split(',').length;
	if (columns > MAX_COLUMNS || headerLine.length > MAX_HEADER_CHARS)
		return {
			header: [],
			unknownColumns: [],
			rows: [],
			errors: [
				{
					line: 1,
					message: `The header row has ${columns.toLocaleString('en-GB')} columns (${headerLine.length.toLocaleString('en-GB')} characters): a customer file has at most ${MAX_COLUMNS}, among them ${IMPORT_COLUMNS.join(', ')}`
				}
			]
		};
	const records = readRecords(text);
	if (!Array.isArray(records))
		return { header: [], unknownColumns: [], rows: [], errors: [records] };
	const [first, ...data] = records;
	if (!first)
		return {
			header: [],
			unknownColumns: [],
			rows: [],
			errors: [
				{ line: 0, message: 'The file is empty: it needs a header row and at least one row' }
			]
		};
	const errors: RowError[] = [];
	const seen = new Set<ImportColumn>();
	const header = first.record.map((name) => {
		const column = columnFor(name);
		if (column && seen.has(column)) {
			errors.push({ line: 1, column, message: `The header names ${column} twice` });
			return { name, column: null };
		}
		if (column) seen.add(column);
		return { name, column };
	});
	if (seen.size === 0)
		errors.push({
			line: 1,
			message: `The header row names none of the known columns (${IMPORT_COLUMNS.join(', ')})`
		});
	const unknownColumns = header.filter((h) => !h.column).map((h) => h.name.trim() || '(blank)');
	const rows: CsvRow[] = [];
	for (const { record, info } of data) {
		if (record.length > header.length) {
			errors.push({
				line: info.lines,
				message: `Line ${info.lines} has ${record.length} fields but the header has ${header.length}`
			});
			continue;
		}
		const values: CsvRow['values'] = {};
		record.forEach((cell, i) => {
			const column = header[i]?.column;
			const value = cell.trim();
			if (column && value !== '') values[column] = value;
		});
		rows.push({ line: info.lines, values });
	}
	if (rows.length === 0 && errors.length === 0)
		errors.push({ line: 0, message: 'The file has a header row but no customers' });
	return { header, unknownColumns, rows, errors };
}
