import type { CustomerExport } from './data-request-schemas';

// The export as one CSV a person can open in a spreadsheet: one line per value, in four
// columns (section, record, field, value), so nested data (orders and their lines, the
// timeline) needs no second file and no column that is empty on most lines.

const HEADER = 'section,record,field,value';

// OWASP CSV injection: a cell a spreadsheet would run as a formula starts with a quote.
const FORMULA = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
	const text =
		value === null || value === undefined
			? ''
			: typeof value === 'object'
				? JSON.stringify(value)
				: String(value);
	const safe = FORMULA.test(text) ? `'${text}` : text;
	return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function section(name: string, rows: readonly Record<string, unknown>[]): string[] {
	return rows.flatMap((row, i) =>
		Object.entries(row)
			.filter(([field]) => field !== 'lines')
			.map(([field, value]) => [name, i + 1, field, value].map(csvCell).join(','))
	);
}

export function exportToCsv(data: CustomerExport): string {
	const lines = data.orders.flatMap((o) => (o.lines as Record<string, unknown>[]) ?? []);
	return [
		HEADER,
		...section('profile', [data.profile]),
		...section('merged_profile', data.mergedProfiles),
		...section('email', data.emails),
		...section('phone', data.phones),
		...section('address', data.addresses),
		...section('consent', data.consents),
		...section('external_id', data.externalIds),
		...section('tag', data.tags),
		...section('order', data.orders),
		...section('order_line', lines),
		...section('timeline', data.timeline)
	]
		.join('\r\n')
		.concat('\r\n');
}
