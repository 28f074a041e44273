import * as v from 'valibot';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The period a report looks at: `days` days ending with the day `to` (UTC), both included. */
export const ReportPeriod = v.object({
	to: v.optional(
		v.pipe(
			v.string(),
			v.regex(DAY, 'Use a date as YYYY-MM-DD'),
			v.check((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'Use a real date')
		)
	),
	days: v.optional(
		v.pipe(
			v.string(),
			v.toNumber(),
			v.integer('Use a whole number of days'),
			v.minValue(1),
			v.maxValue(730)
		),
		'30'
	),
	/** csv: the same table as text/csv (a spreadsheet file), json otherwise. */
	format: v.optional(v.picklist(['json', 'csv'], 'Use json or csv'), 'json')
});
export type ReportPeriod = v.InferOutput<typeof ReportPeriod>;

export const ReportFormat = v.object({
	format: v.optional(v.picklist(['json', 'csv'], 'Use json or csv'), 'json')
});
export type ReportFormat = v.InferOutput<typeof ReportFormat>;

const Period = v.object({ from: v.string(), to: v.string(), days: v.number() });

export const DaysOfCoverRow = v.object({
	productId: v.string(),
	sku: v.string(),
	name: v.string(),
	onHand: v.number(),
	unitsSold: v.number(),
	/** Units sold a day on average over the period. */
	dailyUnits: v.number(),
	/** On hand ÷ daily units; null when nothing sold (cover without end). */
	daysOfCover: v.nullable(v.number())
});
export const DaysOfCover = v.object({ period: Period, rows: v.array(DaysOfCoverRow) });
export type DaysOfCover = v.InferOutput<typeof DaysOfCover>;

export const SellThroughRow = v.object({
	productId: v.string(),
	sku: v.string(),
	name: v.string(),
	unitsSold: v.number(),
	onHand: v.number(),
	/** Sold ÷ (sold + on hand), as a percentage with one decimal. */
	sellThroughPct: v.number()
});
export const SellThrough = v.object({ period: Period, rows: v.array(SellThroughRow) });
export type SellThrough = v.InferOutput<typeof SellThrough>;

export const DeadStockRow = v.object({
	productId: v.string(),
	sku: v.string(),
	name: v.string(),
	onHand: v.number(),
	unitCostMinor: v.number(),
	/** average_cost, or price where the product has no cost yet. */
	costBasis: v.picklist(['average_cost', 'price']),
	valueMinor: v.number(),
	currency: v.string(),
	/** The last sale before the period ended, if any. */
	lastSoldAt: v.nullable(v.string())
});
export const DeadStock = v.object({ period: Period, rows: v.array(DeadStockRow) });
export type DeadStock = v.InferOutput<typeof DeadStock>;

export const ValuationRow = v.object({
	productId: v.string(),
	sku: v.string(),
	name: v.string(),
	locationCode: v.string(),
	onHand: v.number(),
	unitCostMinor: v.number(),
	costBasis: v.picklist(['average_cost', 'price']),
	valueMinor: v.number(),
	currency: v.string()
});
export const Valuation = v.object({
	/** What each unit is valued at: the moving-average cost, or the price where none. */
	basis: v.string(),
	totals: v.array(v.object({ currency: v.string(), onHand: v.number(), valueMinor: v.number() })),
	rows: v.array(ValuationRow)
});
export type Valuation = v.InferOutput<typeof Valuation>;

export const CountVarianceRow = v.object({
	lineId: v.string(),
	countedAt: v.string(),
	locationCode: v.string(),
	bin: v.nullable(v.string()),
	sku: v.string(),
	name: v.string(),
	expected: v.number(),
	counted: v.number(),
	/** counted − expected: negative is a loss. */
	varianceUnits: v.number(),
	/** |variance| × unit value, as the count recorded it. */
	varianceValueMinor: v.number(),
	currency: v.string(),
	status: v.string(),
	countedBy: v.nullable(v.string()),
	decidedBy: v.nullable(v.string())
});
export const CountVariances = v.object({
	period: Period,
	totals: v.object({ lines: v.number(), unitsLost: v.number(), unitsFound: v.number() }),
	rows: v.array(CountVarianceRow)
});
export type CountVariances = v.InferOutput<typeof CountVariances>;
