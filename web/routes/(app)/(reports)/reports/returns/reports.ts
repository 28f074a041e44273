import { formatCount, formatMoney } from '$lib/format';
import type { Column } from '../inventory/reports';

// The returns report tables the page shows (GET /api/reports/returns?table=…).
type Row = Record<string, unknown>;
const text = (key: string) => (r: Row) => (r[key] === null ? '—' : String(r[key]));
const count = (key: string) => (r: Row) => (r[key] === null ? '—' : formatCount(Number(r[key])));
const pct = (key: string) => (r: Row) => (r[key] === null ? '—' : `${String(r[key])}%`);
const money = (minor: string) => (r: Row) => formatMoney(Number(r[minor]), String(r.currency));
const words = (key: string) => (r: Row) => String(r[key] ?? '').replaceAll('_', ' ');

export const RETURN_REPORTS = {
	'by-product': {
		title: 'Return rate by product',
		columns: [
			{ label: 'SKU', cell: text('sku') },
			{ label: 'Product', cell: text('name') },
			{ label: 'Category', cell: text('category') },
			{ label: 'Shipped', cell: count('unitsShipped'), numeric: true },
			{ label: 'Returned', cell: count('unitsReturned'), numeric: true },
			{ label: 'Return rate', cell: pct('returnRatePct'), numeric: true }
		]
	},
	'by-category': {
		title: 'Return rate by category',
		columns: [
			{ label: 'Category', cell: text('category') },
			{ label: 'Shipped', cell: count('unitsShipped'), numeric: true },
			{ label: 'Returned', cell: count('unitsReturned'), numeric: true },
			{ label: 'Return rate', cell: pct('returnRatePct'), numeric: true }
		]
	},
	'by-reason': {
		title: 'Returns by reason',
		columns: [
			{ label: 'Reason', cell: text('label') },
			{ label: 'Returns', cell: count('returns'), numeric: true },
			{ label: 'Units', cell: count('units'), numeric: true },
			{ label: 'Share of units', cell: pct('sharePct'), numeric: true }
		]
	},
	'money-by-kind': {
		title: 'Refunds and credits by kind',
		columns: [
			{ label: 'Paid as', cell: words('source') },
			{ label: 'Kind', cell: words('kind') },
			{ label: 'Count', cell: count('count'), numeric: true },
			{ label: 'Amount', cell: money('amountMinor'), numeric: true }
		]
	},
	'claims-by-kind': {
		title: 'Claims by kind',
		columns: [
			{ label: 'Kind', cell: words('kind') },
			{ label: 'Claims', cell: count('claims'), numeric: true },
			{ label: 'Units', cell: count('units'), numeric: true },
			{ label: 'Replaced', cell: count('unitsReplaced'), numeric: true },
			{ label: 'Refunded', cell: money('refundMinor'), numeric: true }
		]
	},
	'overrides-by-staff': {
		title: 'Overrides by staff member',
		columns: [
			{ label: 'Staff', cell: text('staff') },
			{ label: 'Overrides', cell: count('overrides'), numeric: true },
			{ label: 'Rules', cell: words('rules') }
		]
	},
	'time-to-money': {
		title: 'Time from request to money back',
		columns: [
			{ label: 'Month', cell: text('month') },
			{ label: 'Returns', cell: count('returns'), numeric: true },
			{ label: 'Median (days)', cell: text('medianDays'), numeric: true },
			{ label: '90th percentile (days)', cell: text('p90Days'), numeric: true }
		]
	}
} satisfies Record<string, { title: string; columns: Column[] }>;

export type ReturnReportName = keyof typeof RETURN_REPORTS;
export const RETURN_REPORT_NAMES = Object.keys(RETURN_REPORTS) as ReturnReportName[];
export const isReturnReport = (s: string): s is ReturnReportName => s in RETURN_REPORTS;
