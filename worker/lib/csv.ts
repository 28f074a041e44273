// CSV as RFC 4180 writes it (quoted fields, doubled quotes, CRLF or LF, line breaks inside
// quotes), read in one pass with each record's line number, so an import can name the line
// a person sees in their spreadsheet or editor. Pure and runtime-free: the Worker, the CLI
// and the browser read files with the same code.

export type CsvRecord = { line: number; cells: string[] };
export type CsvTable = { header: string[]; records: CsvRecord[] };

export class CsvSyntaxError extends Error {
	constructor(
		readonly line: number,
		message: string
	) {
		super(message);
	}
}

/** Every record of `text`; the first is the header. Blank lines are skipped. */
export function parseCsv(text: string): CsvTable {
	const records: CsvRecord[] = [];
	const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	let line = 1;
	let i = 0;
	const n = body.length;
	while (i < n) {
		const start = line;
		const cells: string[] = [];
		for (;;) {
			let cell = '';
			if (body[i] === '"') {
				i++;
				for (;;) {
					const q = body.indexOf('"', i);
					if (q < 0)
						throw new CsvSyntaxError(start, `a quoted field opened on line ${start} never closes`);
					const chunk = body.slice(i, q);
					for (let k = chunk.indexOf('\n'); k >= 0; k = chunk.indexOf('\n', k + 1)) line++;
					cell += chunk;
					if (body[q + 1] === '"') {
						cell += '"';
						i = q + 2;
					} else {
						i = q + 1;
						break;
					}
				}
				if (i < n && body[i] !== ',' && body[i] !== '\n' && body[i] !== '\r')
					throw new CsvSyntaxError(line, `line ${line} has text after a closing quote`);
			} else {
				let end = i;
				while (end < n && body[end] !== ',' && body[end] !== '\n' && body[end] !== '\r') end++;
				cell = body.slice(i, end);
				i = end;
			}
			cells.push(cell);
			if (body[i] === ',') {
				i++;
				continue;
			}
			break;
		}
		if (body[i] === '\r') i++;
		if (body[i] === '\n') i++;
		line++;
		if (cells.length > 1 || cells[0] !== '') records.push({ line: start, cells });
	}
	const [head, ...rest] = records;
	return { header: head ? head.cells.map((c) => c.trim()) : [], records: rest };
}

// Writing. A spreadsheet runs a cell that starts with = + - @ (or tab, CR) as a formula
// (OWASP "CSV injection"): such a cell is written with a leading `'`, which readCell takes
// off again, so an export imports back unchanged.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: formula-looking text prefixed with `'`, then RFC 4180 quoting where needed. */
export function csvCell(value: string | number | boolean | null): string {
	if (value === null) return '';
	let text = String(value);
	if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A header row, then one record per row, each line ended by CRLF (RFC 4180). */
export function toCsv(
	header: readonly string[],
	rows: readonly (readonly (string | number | boolean | null)[])[]
): string {
	return [header, ...rows].map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}

/** A cell as it was before csvCell guarded it: `'=x` → `=x`; other text as it is. */
export function readCell(cell: string): string {
	return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}
