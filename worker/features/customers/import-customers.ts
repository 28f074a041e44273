import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { Invalid } from '../../core/errors';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import type { ImportCustomers, ImportReport } from './data-request-schemas';
import { parseCustomerCsv, type RowError } from './import-csv';
import { classify, knownQuery, parseKnown, type RawKnown } from './import-match';
import { checkRow, findRepeats, type ImportRow } from './import-rows';
import { importStatements } from './import-write';
import { regionFor } from './internal';

const PREVIEW_ROWS = 20;
const MAX_ERRORS = 1_000;

/**
 * A CSV file of customers, whole or not at all: every row is read, checked and normalised
 * by the profiles' rules, rows that exactly match a customer Ordo has are reported (not
 * imported again), and only a file with no error is written, in ONE batch (one
 * transaction) with one audit entry. `dryRun` does all but the write.
 * Round trips: the phone region, the existing customers the rows touch, the write.
 */
export async function importCustomers({
	ctx,
	input,
	progress = () => {}
}: {
	ctx: Ctx;
	input: ImportCustomers;
	/** Told each stage of a long import (the CLI prints them). */
	progress?: (stage: string) => void;
}): Promise<ImportReport> {
	const parsed = parseCustomerCsv(input.csv);
	progress(`Read ${parsed.rows.length} rows; checking them…`);
	const settings = {
		today: new Date(ctx.now),
		phoneRegion: await regionFor(
			ctx,
			parsed.rows.flatMap((r) => r.values.phone ?? [])
		)
	};
	const errors: RowError[] = [...parsed.errors, ...findRepeats(parsed.rows)];
	const rows: ImportRow[] = [];
	for (const csvRow of parsed.rows) {
		const checked = checkRow(csvRow, settings);
		if ('row' in checked) rows.push(checked.row);
		else errors.push(...checked.errors);
	}
	progress(`Checked; looking for customers Ordo already has…`);
	const known = parseKnown(await readKnown(ctx, rows, input.dryRun, parsed.rows.length));
	const fresh: ImportRow[] = [];
	const matched: ImportReport['matched'] = [];
	for (const row of rows) {
		const verdict = classify(row, known);
		if (verdict.kind === 'new') fresh.push(row);
		else if (verdict.kind === 'matched')
			matched.push({
				line: row.line,
				customerId: verdict.customer.id,
				number: verdict.customer.number
			});
		else errors.push(verdict.error);
	}
	errors.sort((a, b) => a.line - b.line);
	const report: ImportReport = {
		dryRun: input.dryRun,
		applied: false,
		rows: parsed.rows.length,
		created: fresh.length,
		matched,
		columns: parsed.header,
		unknownColumns: parsed.unknownColumns,
		preview: rows.slice(0, PREVIEW_ROWS).map(previewOf),
		errors: errors.slice(0, MAX_ERRORS),
		errorCount: errors.length
	};
	if (errors.length > 0 && !input.dryRun) throw rowsNeedAttention(errors);
	if (input.dryRun || fresh.length === 0) return report;
	progress(`Writing ${fresh.length} new customers in one transaction…`);
	const audit = auditEntry(ctx, {
		action: 'customer.import',
		details: { rows: report.rows, created: fresh.length, matched: matched.length }
	});
	const writes = [audit, ...importStatements(ctx, fresh)] as const;
	progress(`Sending the batch…`);
	return mutate<ImportReport>(ctx, {
		writes: [...writes],
		result: sql`${JSON.stringify({ ...report, applied: true })}`
	});
}

/**
 * The customers the rows touch. A dry run tells who is already in Ordo, so it is audited:
 * its entry goes in the same batch as the read (one round trip). An apply is audited by
 * its write.
 */
async function readKnown(
	ctx: Ctx,
	rows: readonly ImportRow[],
	dryRun: boolean,
	total: number
): Promise<RawKnown[]> {
	if (!dryRun) return rows.length > 0 ? await knownQuery(ctx, rows) : [];
	const audit = auditEntry(ctx, { action: 'customer.import_check', details: { rows: total } });
	const [, found] = await ctx.db.batch([audit, knownQuery(ctx, rows)]);
	return found as RawKnown[];
}

function rowsNeedAttention(errors: RowError[]): Invalid {
	const byLine: Record<string, string[]> = {};
	for (const e of errors.slice(0, MAX_ERRORS)) (byLine[`line ${e.line}`] ??= []).push(e.message);
	const count = errors.length;
	return new Invalid(
		'import-rows-invalid',
		`${count} ${count === 1 ? 'problem' : 'problems'} in the file: nothing was imported`,
		'Correct the lines listed in `errors` and import the file again; a dry run checks it without writing.',
		byLine
	);
}

/** A row as it will be stored, for the person to check the mapping before applying. */
function previewOf(row: ImportRow): ImportReport['preview'][number] {
	const values: Record<string, string> = {};
	const put = (k: string, val: string | undefined) => {
		if (val !== undefined) values[k] = val;
	};
	put('external_id', row.externalId);
	put('first_name', row.givenName);
	put('last_name', row.familyName);
	put('email', row.email?.email);
	put('phone', row.phone?.e164);
	put('address_line1', row.address?.line1);
	put('address_line2', row.address?.line2);
	put('city', row.address?.city);
	put('region', row.address?.region);
	put('postal_code', row.address?.postcode?.postalCode);
	put('country', row.address?.country);
	put('date_of_birth', row.dateOfBirth);
	return { line: row.line, values };
}
