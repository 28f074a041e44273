// Pure cost and quantity rules of reordering (issue 8), unit-tested in costs.test.ts.
// Money is integer minor units; percentages are for people and rounded to one decimal.

/**
 * Moving-average unit cost after a receipt: (old × on hand + qty × cost) / (on hand + qty),
 * rounded half up to a whole minor unit. `onHand` is the product's on hand over every
 * location BEFORE the receipt. No average yet (NULL) or nothing on hand: the receipt's
 * cost. receive-purchase-order.ts computes the same in SQL inside its batch
 * (`movingAverageSql`), so the figure uses the stock as it is when the batch runs.
 */
export function movingAverage(
	oldAverage: number | null,
	onHand: number,
	quantity: number,
	unitCost: number
): number {
	if (oldAverage === null || onHand <= 0) return unitCost;
	const numerator = oldAverage * onHand + quantity * unitCost;
	const denominator = onHand + quantity;
	return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** Rounded to one decimal; null when there is nothing to compare with. */
export function percentOf(part: number, whole: number | null): number | null {
	if (whole === null || whole === 0) return null;
	return Math.round((part / whole) * 1000) / 10;
}

export type CostComparison = {
	newUnitCostMinor: number;
	lastPaidUnitCostMinor: number | null;
	averageCostMinor: number | null;
	/** New cost − last paid, amount and percent of last paid. */
	vsLastPaid: { amountMinor: number; percent: number | null } | null;
	/** New cost − moving average, amount and percent of the average. */
	vsAverage: { amountMinor: number; percent: number | null } | null;
	/** At the current selling price: margin on today's cost basis, and on the new cost. */
	margin: {
		priceMinor: number;
		beforeMinor: number | null;
		beforePercent: number | null;
		afterMinor: number;
		afterPercent: number | null;
	};
};

/**
 * What a manager weighs before ordering: the supplier's current unit cost against what
 * was paid last and the moving average, and the margin at today's selling price before
 * (on the average cost, else the last price paid) and after (on the new cost).
 */
export function compareCost(input: {
	newUnitCostMinor: number;
	lastPaidUnitCostMinor: number | null;
	averageCostMinor: number | null;
	priceMinor: number;
}): CostComparison {
	const { newUnitCostMinor: cost, lastPaidUnitCostMinor: last, averageCostMinor: avg } = input;
	const diff = (basis: number | null) =>
		basis === null ? null : { amountMinor: cost - basis, percent: percentOf(cost - basis, basis) };
	const basis = avg ?? last;
	const price = input.priceMinor;
	return {
		newUnitCostMinor: cost,
		lastPaidUnitCostMinor: last,
		averageCostMinor: avg,
		vsLastPaid: diff(last),
		vsAverage: diff(avg),
		margin: {
			priceMinor: price,
			beforeMinor: basis === null ? null : price - basis,
			beforePercent: basis === null ? null : percentOf(price - basis, price),
			afterMinor: price - cost,
			afterPercent: percentOf(price - cost, price)
		}
	};
}

/**
 * How many to order for a level at or below its point: its own reorder quantity when set,
 * else enough to bring available back to twice the point; less what is already on open
 * purchase orders; rounded up to whole packs. 0: nothing to order.
 */
export function orderQuantity(input: {
	available: number;
	reorderPoint: number;
	reorderQty: number | null;
	onOrder: number;
	packSize: number;
}): number {
	const want = input.reorderQty ?? 2 * input.reorderPoint - input.available;
	const need = want - input.onOrder;
	if (need <= 0) return 0;
	return Math.ceil(need / input.packSize) * input.packSize;
}

export type Suggestion = {
	reorderPoint: number;
	unitsSold: number;
	days: number;
	dailyVelocity: number;
	leadTimeDays: number;
	safetyDays: number;
	reasoning: string;
};

/**
 * Suggested reorder point = ceil(daily sales velocity × (supplier lead time + safety
 * days)): enough to keep selling until a delivery ordered today arrives, with a margin.
 */
export function suggestReorderPoint(input: {
	unitsSold: number;
	days: number;
	leadTimeDays: number | null;
	safetyDays: number;
	supplierName: string | null;
}): Suggestion {
	const lead = input.leadTimeDays ?? 0;
	const velocity = input.unitsSold / input.days;
	const cover = lead + input.safetyDays;
	// Rounded to 6 decimals first, so 0.1 × 30 = 3.0000000000000004 does not become 4.
	const point = Math.ceil(Math.round(velocity * cover * 1e6) / 1e6);
	const rate = Math.round(velocity * 100) / 100;
	const from = input.supplierName
		? `${input.supplierName} delivers in ${lead} day${lead === 1 ? '' : 's'}`
		: 'no supplier is set up for it, so no lead time is counted';
	const reasoning =
		input.unitsSold === 0
			? `Nothing sold here in the last ${input.days} days, so no stock needs keeping back for sales (${from}).`
			: `Sold ${input.unitsSold} in the last ${input.days} days, about ${rate} a day. ${from[0]!.toUpperCase()}${from.slice(1)}, plus ${input.safetyDays} safety day${input.safetyDays === 1 ? '' : 's'}: ${rate} × ${cover} days ≈ ${point} unit${point === 1 ? '' : 's'}, so reorder when fewer than ${point} ${point === 1 ? 'is' : 'are'} available.`;
	return {
		reorderPoint: point,
		unitsSold: input.unitsSold,
		days: input.days,
		dailyVelocity: Math.round(velocity * 1000) / 1000,
		leadTimeDays: lead,
		safetyDays: input.safetyDays,
		reasoning
	};
}
