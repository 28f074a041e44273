// CSV written by csv-stringify (the csv-parse project's writer; its browser build needs no
// Node Buffer, so it runs in Workers) with one rule added: spreadsheet programs run a cell
// that starts with = + - @ tab or CR as a formula (OWASP "CSV Injection"), so such TEXT is
// prefixed with ' . Numbers stay numbers (a negative variance is -3, not '-3).
import { stringify } from 'csv-stringify/browser/esm/sync';

const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvValue = string | number | null | undefined;

/** A text cell made safe to open in a spreadsheet. */
export function safeText(text: string): string {
	return FORMULA_START.test(text) ? `'${text}` : text;
}

/** RFC 4180 with CRLF: a header row, then one record per row. */
export function toCsvText(header: readonly string[], rows: readonly CsvValue[][]): string {
	return stringify(
		[
			header.map(safeText),
			...rows.map((r) => r.map((v) => (typeof v === 'string' ? safeText(v) : (v ?? ''))))
		],
		{
			record_delimiter: '\r\n'
		}
	);
}
