import * as v from 'valibot';
import { ReportPeriod } from '../schemas';

// Returns reports (issue 11): one route, a table named by `table`, as JSON or CSV.

export const RETURN_REPORT_TABLES = [
	'by-product',
	'by-category',
	'by-reason',
	'money-by-kind',
	'claims-by-kind',
	'overrides-by-staff',
	'time-to-money'
] as const;
export type ReturnReportTable = (typeof RETURN_REPORT_TABLES)[number];

export const ReturnReportQuery = v.object({
	...ReportPeriod.entries,
	table: v.optional(
		v.picklist(RETURN_REPORT_TABLES, `Use one of: ${RETURN_REPORT_TABLES.join(', ')}`),
		'by-product'
	)
});
export type ReturnReportQuery = v.InferOutput<typeof ReturnReportQuery>;

const Cell = v.union([v.string(), v.number(), v.null()]);

export const ReturnReport = v.object({
	table: v.picklist(RETURN_REPORT_TABLES),
	period: v.object({ from: v.string(), to: v.string(), days: v.number() }),
	rows: v.array(v.record(v.string(), Cell))
});
export type ReturnReport = v.InferOutput<typeof ReturnReport>;
export type ReturnReportRow = ReturnReport['rows'][number];
