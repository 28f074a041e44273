import * as v from 'valibot';
import { freeText } from '../../core/free-text';
import type { CsvRow, ImportColumn, RowError } from './import-csv';
import {
	cleanText,
	normaliseCountry,
	normaliseDateOfBirth,
	normaliseEmail,
	normalisePhone,
	normalisePostcode,
	type Email,
	type Phone,
	type Postcode
} from './normalise';

/** One customer as a file describes it, normalised by the profiles' rules (normalise.ts). */
export type ImportRow = {
	line: number;
	externalId?: string;
	givenName?: string;
	familyName?: string;
	email?: Email;
	phone?: Phone;
	address?: {
		line1: string;
		line2?: string;
		city?: string;
		region?: string;
		postcode?: Postcode;
		country: string;
	};
	dateOfBirth?: string;
};

// What a CSV cell must be before normalisation: one line, no card number, a sane length.
// Email, phone, country, postcode and date rules are the profiles' own (normalise.ts).
const cell = (max: number) => freeText(max);
const CELLS: Record<ImportColumn, v.GenericSchema<string, string>> = {
	external_id: cell(100),
	first_name: cell(100),
	last_name: cell(100),
	email: cell(254),
	phone: cell(40),
	address_line1: cell(200),
	address_line2: cell(200),
	city: cell(100),
	region: cell(100),
	postal_code: cell(20),
	country: cell(2 + 20),
	date_of_birth: cell(20)
};

const ADDRESS_COLUMNS: ImportColumn[] = [
	'address_line1',
	'address_line2',
	'city',
	'region',
	'postal_code',
	'country'
];

type Settings = { today: Date; phoneRegion: string };

/**
 * Checks one row (every problem, each naming its line and column in words) and normalises
 * it as a profile write would. A row needs a name, an email or a phone; an address needs
 * its first line and a country.
 */
export function checkRow(
	{ line, values }: CsvRow,
	{ today, phoneRegion }: Settings
): { row: ImportRow } | { errors: RowError[] } {
	const errors: RowError[] = [];
	const fail = (column: ImportColumn | undefined, message: string) =>
		errors.push({
			line,
			column,
			message: `Line ${line}${column ? `, ${column}` : ''}: ${message}`
		});
	const text: CsvRow['values'] = {};
	for (const [column, raw] of Object.entries(values) as [ImportColumn, string][]) {
		const result = v.safeParse(CELLS[column], raw);
		if (result.success) text[column] = cleanText(result.output) ?? undefined;
		else fail(column, result.issues[0].message);
	}
	if (errors.length > 0) return { errors };
	const row: ImportRow = { line };
	const take = <T>(
		column: ImportColumn,
		result: { ok: true; value: T } | { ok: false; error: string }
	) => {
		if (result.ok) return result.value;
		fail(column, result.error);
		return undefined;
	};
	if (text.external_id) row.externalId = text.external_id;
	if (text.first_name) row.givenName = text.first_name;
	if (text.last_name) row.familyName = text.last_name;
	if (text.email) row.email = take('email', normaliseEmail(text.email));
	if (text.phone) row.phone = take('phone', normalisePhone(text.phone, phoneRegion));
	if (text.date_of_birth)
		row.dateOfBirth = take('date_of_birth', normaliseDateOfBirth(text.date_of_birth, today));
	if (!row.givenName && !row.familyName && !text.email && !text.phone)
		fail(undefined, 'it has no name, email or phone: give at least one');
	if (ADDRESS_COLUMNS.some((c) => text[c] !== undefined)) {
		if (!text.address_line1) fail('address_line1', 'an address needs its first line');
		if (!text.country) fail('country', 'an address needs a country');
		const country = text.country ? take('country', normaliseCountry(text.country)) : undefined;
		const postcode =
			country && text.postal_code
				? take('postal_code', normalisePostcode(text.postal_code, country))
				: undefined;
		if (text.address_line1 && country)
			row.address = dropUndefined({
				line1: text.address_line1,
				line2: text.address_line2,
				city: text.city,
				region: text.region,
				postcode,
				country
			});
	}
	return errors.length > 0 ? { errors } : { row: dropUndefined(row) };
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
