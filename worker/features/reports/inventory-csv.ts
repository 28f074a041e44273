import { reportCsv } from './csv';
import type { CountVariances, DaysOfCover, DeadStock, SellThrough, Valuation } from './schemas';

// The CSV columns of each inventory report. Money as integer minor units with its
// currency beside it, as everywhere in Ordo: exact, and a spreadsheet divides by 100.

export const daysOfCoverCsv = (r: DaysOfCover) =>
	reportCsv(r.rows, [
		['sku', (x) => x.sku],
		['name', (x) => x.name],
		['on_hand', (x) => x.onHand],
		['units_sold', (x) => x.unitsSold],
		['daily_units', (x) => x.dailyUnits],
		['days_of_cover', (x) => x.daysOfCover]
	]);

export const sellThroughCsv = (r: SellThrough) =>
	reportCsv(r.rows, [
		['sku', (x) => x.sku],
		['name', (x) => x.name],
		['units_sold', (x) => x.unitsSold],
		['on_hand', (x) => x.onHand],
		['sell_through_pct', (x) => x.sellThroughPct]
	]);

export const deadStockCsv = (r: DeadStock) =>
	reportCsv(r.rows, [
		['sku', (x) => x.sku],
		['name', (x) => x.name],
		['on_hand', (x) => x.onHand],
		['unit_cost_minor', (x) => x.unitCostMinor],
		['cost_basis', (x) => x.costBasis],
		['value_minor', (x) => x.valueMinor],
		['currency', (x) => x.currency],
		['last_sold_at', (x) => x.lastSoldAt]
	]);

export const valuationCsv = (r: Valuation) =>
	reportCsv(r.rows, [
		['sku', (x) => x.sku],
		['name', (x) => x.name],
		['location', (x) => x.locationCode],
		['on_hand', (x) => x.onHand],
		['unit_cost_minor', (x) => x.unitCostMinor],
		['cost_basis', (x) => x.costBasis],
		['value_minor', (x) => x.valueMinor],
		['currency', (x) => x.currency]
	]);

export const countVariancesCsv = (r: CountVariances) =>
	reportCsv(r.rows, [
		['counted_at', (x) => x.countedAt],
		['location', (x) => x.locationCode],
		['bin', (x) => x.bin],
		['sku', (x) => x.sku],
		['name', (x) => x.name],
		['expected', (x) => x.expected],
		['counted', (x) => x.counted],
		['variance_units', (x) => x.varianceUnits],
		['variance_value_minor', (x) => x.varianceValueMinor],
		['currency', (x) => x.currency],
		['status', (x) => x.status],
		['counted_by', (x) => x.countedBy],
		['decided_by', (x) => x.decidedBy]
	]);
