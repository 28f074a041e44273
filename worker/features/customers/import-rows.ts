import * as v from 'valibot';
import { freeText } from '../../core/free-text';
import type { CsvRow, ImportColumn, RowError } from './import-csv';

/** One customer as a file describes it, checked; still to be normalised by the write path. */
export type ImportRow = {
	line: number;
	externalId?: string;
	givenName?: string;
	familyName?: string;
	email?: string;
	phone?: string;
	address?: {
		line1: string;
		line2?: string;
		city?: string;
		region?: string;
		postalCode?: string;
		country: string;
	};
	dateOfBirth?: string;
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD, not in the future and not before 1900. */
export function dateProblem(text: string, today: string): string | null {
	const match = ISO_DATE.exec(text);
	if (!match) return `"${text}" is not a date written YYYY-MM-DD (for example 1984-03-27)`;
	const [, y, m, d] = match.map(Number) as [number, number, number, number];
	const day = new Date(Date.UTC(y, m - 1, d));
	if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d)
		return `"${text}" is not a day of the calendar`;
	if (y < 1900) return `"${text}" is before 1900`;
	if (text > today) return `"${text}" is in the future`;
	return null;
}

// What each column may hold. Email, phone and postcode shapes are the write path's rules
// (normalise.ts); here only what a CSV cell must be before it gets there.
const CELLS: Record<ImportColumn, v.GenericSchema<string, string>> = {
	external_id: freeText(100),
	first_name: freeText(100),
	last_name: freeText(100),
	email: freeText(254),
	phone: freeText(40),
	address_line1: freeText(200),
	address_line2: freeText(200),
	city: freeText(100),
	region: freeText(100),
	postal_code: freeText(20),
	country: v.pipe(
		v.string(),
		v.toUpperCase(),
		v.regex(/^[A-Z]{2}$/, 'Use the two-letter country code (ISO 3166-1), for example GB or DE')
	),
	date_of_birth: v.string()
};

const ADDRESS_COLUMNS: ImportColumn[] = [
	'address_line1',
	'address_line2',
	'city',
	'region',
	'postal_code',
	'country'
];

/**
 * Checks one row's cells (every problem, each naming its line and column in words) and
 * shapes it as an ImportRow. A row needs a name, an email or a phone; an address needs
 * its first line and a country.
 */
export function checkRow(
	{ line, values }: CsvRow,
	today: string
): { row: ImportRow } | { errors: RowError[] } {
	const errors: RowError[] = [];
	const clean: CsvRow['values'] = {};
	for (const [column, raw] of Object.entries(values) as [ImportColumn, string][]) {
		const result = v.safeParse(CELLS[column], raw);
		const problem = !result.success
			? result.issues[0].message
			: column === 'date_of_birth'
				? dateProblem(raw, today)
				: null;
		if (problem) errors.push({ line, column, message: `Line ${line}, ${column}: ${problem}` });
		else clean[column] = result.output as string;
	}
	const has = (c: ImportColumn) => values[c] !== undefined;
	if (!has('first_name') && !has('last_name') && !has('email') && !has('phone'))
		errors.push({ line, message: `Line ${line} has no name, email or phone: give at least one` });
	const addressGiven = ADDRESS_COLUMNS.some(has);
	for (const needed of ['address_line1', 'country'] as const)
		if (addressGiven && !has(needed))
			errors.push({
				line,
				column: needed,
				message: `Line ${line}, ${needed}: an address needs its first line and a country`
			});
	if (errors.length > 0) return { errors };
	const row: ImportRow = {
		line,
		externalId: clean.external_id,
		givenName: clean.first_name,
		familyName: clean.last_name,
		email: clean.email,
		phone: clean.phone,
		dateOfBirth: clean.date_of_birth
	};
	if (addressGiven)
		row.address = {
			line1: clean.address_line1!,
			line2: clean.address_line2,
			city: clean.city,
			region: clean.region,
			postalCode: clean.postal_code,
			country: clean.country!
		};
	return { row: dropUndefined(row) };
}

function dropUndefined<T extends object>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, x]) => x !== undefined)) as T;
}

/**
 * Repeats inside the file: the same external id on two lines, or a line that says exactly
 * what an earlier one said. Either would create the same person twice.
 */
export function findRepeats(rows: readonly CsvRow[]): RowError[] {
	const errors: RowError[] = [];
	const byExternalId = new Map<string, number>();
	const byContent = new Map<string, number>();
	for (const { line, values } of rows) {
		const content = JSON.stringify(Object.entries(values).sort(([a], [b]) => (a < b ? -1 : 1)));
		const earlier = byContent.get(content);
		if (earlier !== undefined) {
			errors.push({ line, message: `Line ${line} repeats line ${earlier}` });
			continue;
		}
		byContent.set(content, line);
		const id = values.external_id;
		const first = id === undefined ? undefined : byExternalId.get(id);
		if (id !== undefined && first !== undefined)
			errors.push({
				line,
				column: 'external_id',
				message: `Line ${line}, external_id: "${id}" is already used on line ${first}`
			});
		else if (id !== undefined) byExternalId.set(id, line);
	}
	return errors;
}
