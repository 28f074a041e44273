import { toCsvText, type CsvValue } from '../../lib/csv-export';

/** A report's rows as CSV: the columns in order, each with its header. */
export function reportCsv<Row>(
	rows: readonly Row[],
	columns: readonly [header: string, value: (row: Row) => CsvValue][]
): string {
	return toCsvText(
		columns.map(([header]) => header),
		rows.map((row) => columns.map(([, value]) => value(row)))
	);
}
