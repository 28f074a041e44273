// Spreadsheet programs run a cell that starts with one of these as a formula (OWASP "CSV
// Injection"): an audit export full of user agents and typed emails must not become a
// way to run code on an auditor's machine. Tab and CR start formulas in some programs too.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: formula-looking text prefixed with `'`, then RFC 4180 quoting where needed. */
export function csvCell(value: string | number | null): string {
	if (value === null) return '';
	let text = String(value);
	if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180: a header row, then one record per row, each line ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (string | number | null)[][]) {
	return [header, ...rows].map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}
