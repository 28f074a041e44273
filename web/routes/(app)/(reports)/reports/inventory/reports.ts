import { formatCount, formatDateTime, formatMoney } from '$lib/format';

// The inventory reports the page shows: the API path, and the columns of its table.
type Row = Record<string, unknown>;
export type Column = { label: string; cell: (row: Row) => string; numeric?: boolean };

const money = (minor: string) => (r: Row) => formatMoney(Number(r[minor]), String(r.currency));
const count = (key: string) => (r: Row) => (r[key] === null ? '—' : formatCount(Number(r[key])));
const text = (key: string) => (r: Row) => (r[key] === null ? '—' : String(r[key]));
const when = (key: string) => (r: Row) => (r[key] ? formatDateTime(String(r[key])) : 'never');

export const REPORTS = {
	valuation: {
		title: 'Stock valuation',
		period: false,
		columns: [
			{ label: 'SKU', cell: text('sku') },
			{ label: 'Product', cell: text('name') },
			{ label: 'Location', cell: text('locationCode') },
			{ label: 'On hand', cell: count('onHand'), numeric: true },
			{ label: 'Unit cost', cell: money('unitCostMinor'), numeric: true },
			{ label: 'Value', cell: money('valueMinor'), numeric: true }
		]
	},
	'days-of-cover': {
		title: 'Days of cover',
		period: true,
		columns: [
			{ label: 'SKU', cell: text('sku') },
			{ label: 'Product', cell: text('name') },
			{ label: 'On hand', cell: count('onHand'), numeric: true },
			{ label: 'Sold', cell: count('unitsSold'), numeric: true },
			{ label: 'Per day', cell: text('dailyUnits'), numeric: true },
			{ label: 'Days of cover', cell: text('daysOfCover'), numeric: true }
		]
	},
	'sell-through': {
		title: 'Sell-through',
		period: true,
		columns: [
			{ label: 'SKU', cell: text('sku') },
			{ label: 'Product', cell: text('name') },
			{ label: 'Sold', cell: count('unitsSold'), numeric: true },
			{ label: 'On hand', cell: count('onHand'), numeric: true },
			{ label: 'Sell-through %', cell: text('sellThroughPct'), numeric: true }
		]
	},
	'dead-stock': {
		title: 'Dead stock',
		period: true,
		columns: [
			{ label: 'SKU', cell: text('sku') },
			{ label: 'Product', cell: text('name') },
			{ label: 'On hand', cell: count('onHand'), numeric: true },
			{ label: 'Value', cell: money('valueMinor'), numeric: true },
			{ label: 'Last sold', cell: when('lastSoldAt') }
		]
	},
	'count-variances': {
		title: 'Count variances',
		period: true,
		columns: [
			{ label: 'Counted', cell: when('countedAt') },
			{ label: 'Location', cell: text('locationCode') },
			{ label: 'SKU', cell: text('sku') },
			{ label: 'Expected', cell: count('expected'), numeric: true },
			{ label: 'Counted', cell: count('counted'), numeric: true },
			{ label: 'Variance', cell: count('varianceUnits'), numeric: true },
			{ label: 'Value', cell: money('varianceValueMinor'), numeric: true },
			{ label: 'Status', cell: (r) => String(r.status).replace('_', ' ') }
		]
	}
} satisfies Record<string, { title: string; period: boolean; columns: Column[] }>;

export type ReportName = keyof typeof REPORTS;
export const REPORT_NAMES = Object.keys(REPORTS) as ReportName[];
export const isReportName = (s: string): s is ReportName => s in REPORTS;
