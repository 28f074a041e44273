import { unreadableCharacter } from '../../core/readable-text';
import type { CsvRecord } from '../../lib/csv';
import { containsCardNumber } from '../../lib/card-data';
import type { ImportField, ResolvedMapping } from './import-formats';

// One CSV record → one typed row (DESIGN §7: a CSV row crosses a check before use). Every
// problem is kept with its line number and says what is wrong in the words of the file's
// own column, so a person can find and fix it in their spreadsheet.

export type Address = {
	name: string;
	line1: string;
	line2?: string;
	city: string;
	postcode: string;
	country: string;
};

export type ImportRow = {
	line: number;
	order: string;
	placedAt: number;
	sku: string;
	quantity: number;
	priceMinor: number;
	name: string;
	customer: string | null;
	email: string | null;
	customerName: string | null;
	phone: string | null;
	country: string | null;
	currency: string;
	shippingMinor: number | null;
	discountMinor: number | null;
	taxMinor: number | null;
	totalMinor: number | null;
	refundedMinor: number | null;
	financialStatus: string | null;
	fulfilmentStatus: string | null;
	cancelledAt: number | null;
	shippingAddress: Address | null;
	billingAddress: Address | null;
};

export type RowError = { line: number; message: string };

/** What a later row of the same order may leave empty, from the row before (even a bad one). */
type Carried = { order: string; placedAt: number; currency: string };

class CellError extends Error {}

const DATE =
	/^(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d)(?::(\d\d)(?:\.\d+)?)?)?\s*(Z|[+-]\d\d:?\d\d)?$/;

/** Epoch ms of a date as exports write it; no zone means UTC. */
export function parseImportDate(text: string): number | null {
	const m = DATE.exec(text.trim());
	if (!m) return null;
	const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = m;
	const utc = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s);
	const check = new Date(utc);
	if (
		check.getUTCDate() !== +d! ||
		check.getUTCMonth() !== +mo! - 1 ||
		+h > 23 ||
		+mi > 59 ||
		+s > 59
	)
		return null;
	if (!zone || zone === 'Z') return utc;
	const sign = zone.startsWith('-') ? -1 : 1;
	const digits = zone.slice(1).replace(':', '');
	return utc - sign * (+digits.slice(0, 2) * 60 + +digits.slice(2)) * 60_000;
}

/** Integer minor units of a decimal with at most two places ("2.55" → 255), never floats. */
export function parseMoney(text: string): number | null {
	const m = /^(-)?(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text.trim());
	if (!m) return null;
	const minor = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
	return m[1] ? -minor : minor;
}

// No card number has fewer than 13 digits: most cells are skipped before the full
// detector (about 9 µs a cell, 3 s over the Online Retail month) runs.
const DIGIT = /\p{Nd}/gu;
const mayHoldCard = (t: string) => (t.match(DIGIT)?.length ?? 0) >= 13;

function text(value: string, column: string, max: number): string {
	const t = value.trim();
	if (t.length > max) throw new CellError(`${column} is longer than ${max} characters`);
	const bad = unreadableCharacter(t);
	if (bad) throw new CellError(`${column}: ${bad}`);
	if (mayHoldCard(t) && containsCardNumber(t))
		throw new CellError(`${column} holds what looks like a card number; Ordo never stores one`);
	return t;
}

type Cells = {
	get(field: ImportField): string;
	column(field: ImportField): string;
};

function money(cells: Cells, field: ImportField, { signed = false } = {}): number | null {
	const raw = cells.get(field).trim();
	if (raw === '') return null;
	const value = parseMoney(raw);
	if (value === null)
		throw new CellError(`${cells.column(field)} "${raw}" is not an amount like 12.50`);
	if (value < 0 && !signed) throw new CellError(`${cells.column(field)} "${raw}" is negative`);
	return value;
}

function date(cells: Cells, field: ImportField): number | null {
	const raw = cells.get(field).trim();
	if (raw === '') return null;
	const value = parseImportDate(raw);
	if (value === null)
		throw new CellError(
			`${cells.column(field)} "${raw}" is not a date like 2010-12-01 08:26:00 (optionally with Z or +01:00)`
		);
	return value;
}

function optional(cells: Cells, field: ImportField, max = 200): string | null {
	return text(cells.get(field), cells.column(field), max) || null;
}

function address(cells: Cells, prefix: 'ship' | 'bill'): Address | null {
	const part = (p: string) => optional(cells, `${prefix}${p}` as ImportField) ?? '';
	const a = {
		name: part('Name'),
		line1: part('Address1'),
		line2: part('Address2'),
		city: part('City'),
		postcode: part('Postcode'),
		country: part('Country')
	};
	if (!a.line1 && !a.city && !a.postcode) return null;
	const { line2, ...rest } = a;
	return line2 ? { ...rest, line2 } : rest;
}

// Exports that write order-level fields on an order's first row only (Shopify) may leave
// the date and currency empty on its later rows: those rows take them from the row before.
function readRow(
	cells: Cells,
	line: number,
	defaultCurrency: string,
	previous: Carried | undefined
): ImportRow {
	const order = text(cells.get('order'), cells.column('order'), 64);
	if (!order) throw new CellError(`${cells.column('order')} is empty`);
	const sku = text(cells.get('sku'), cells.column('sku'), 64).toUpperCase();
	if (!sku) throw new CellError(`${cells.column('sku')} is empty`);
	const qRaw = cells.get('quantity').trim();
	if (!/^-?\d{1,7}$/.test(qRaw))
		throw new CellError(`${cells.column('quantity')} "${qRaw}" is not a whole number`);
	const quantity = Number(qRaw);
	if (quantity === 0) throw new CellError(`${cells.column('quantity')} is 0`);
	const priceMinor = money(cells, 'price');
	if (priceMinor === null) throw new CellError(`${cells.column('price')} is empty`);
	const placedAt = date(cells, 'date') ?? (previous?.order === order ? previous.placedAt : null);
	if (placedAt === null) throw new CellError(`${cells.column('date')} is empty`);
	const customer = optional(cells, 'customer', 40)?.replace(/\.0$/, '') ?? null;
	const email = optional(cells, 'email')?.toLowerCase() ?? null;
	if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
		throw new CellError(`${cells.column('email')} "${email}" is not an email address`);
	const inherited = previous?.order === order ? previous.currency : defaultCurrency;
	const currency = (optional(cells, 'currency', 3) ?? inherited).toUpperCase();
	if (!/^[A-Z]{3}$/.test(currency))
		throw new CellError(`${cells.column('currency')} "${currency}" is not a currency code`);
	return {
		line,
		order,
		placedAt,
		sku,
		quantity,
		priceMinor,
		name: optional(cells, 'name') ?? sku,
		customer,
		email,
		customerName: optional(cells, 'customerName'),
		phone: optional(cells, 'phone', 40),
		country: optional(cells, 'country', 80),
		currency,
		shippingMinor: money(cells, 'shipping'),
		discountMinor: money(cells, 'discount'),
		taxMinor: money(cells, 'tax'),
		totalMinor: money(cells, 'total'),
		refundedMinor: money(cells, 'refunded'),
		financialStatus: optional(cells, 'financialStatus', 40)?.toLowerCase() ?? null,
		fulfilmentStatus: optional(cells, 'fulfilmentStatus', 40)?.toLowerCase() ?? null,
		cancelledAt: date(cells, 'cancelledAt'),
		shippingAddress: address(cells, 'ship'),
		billingAddress: address(cells, 'bill')
	};
}

/** Every record as a row, or every record's first problem with its line. */
export function readImportRows(
	records: readonly CsvRecord[],
	mapping: ResolvedMapping,
	onProgress?: (done: number) => void
): { rows: ImportRow[]; errors: RowError[] } {
	const rows: ImportRow[] = [];
	const errors: RowError[] = [];
	const currency = mapping.preset?.currency ?? 'GBP';
	let cellsOf: string[] = [];
	const cells: Cells = {
		get: (field) => {
			const at = mapping.index[field];
			return at === undefined ? '' : (cellsOf[at] ?? '');
		},
		column: (field) => mapping.columns[field] ?? field
	};
	let carried: Carried | undefined;
	records.forEach((record, i) => {
		cellsOf = record.cells;
		try {
			const row = readRow(cells, record.line, currency, carried);
			rows.push(row);
			carried = row;
		} catch (error) {
			if (!(error instanceof CellError)) throw error;
			errors.push({ line: record.line, message: error.message });
			// A bad row still passes its order's date on, so its next rows are not refused for it.
			const order = cells.get('order').trim();
			const placedAt =
				parseImportDate(cells.get('date')) ?? (carried?.order === order ? carried.placedAt : null);
			const own = cells.get('currency').trim().toUpperCase();
			carried =
				placedAt === null
					? undefined
					: {
							order,
							placedAt,
							currency: own || (carried?.order === order ? carried.currency : currency)
						};
		}
		if (onProgress && (i + 1) % 5000 === 0) onProgress(i + 1);
	});
	return { rows, errors };
}
