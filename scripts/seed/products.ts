import type { Faker } from '@faker-js/faker';
import { isOnlineRetailProductCode } from '../../worker/features/orders/import-formats';
import { barcodesForStockCodes } from './barcodes';
import type { RetailLine } from './read-csv';
import { titleCase } from './title-case';

export type SeedProduct = {
	id: string;
	sku: string;
	barcode: string;
	name: string;
	priceMinor: number;
	reorderPoint: number;
	unitsSold: number;
};

// Two weeks from order to delivery for a gift wholesaler's imports: reorder when what is
// left covers only that long at the rate it sold.
const LEAD_TIME_DAYS = 14;
const DAY_MS = 86_400_000;

// Postage, fees, discounts and vouchers are invoice lines, not stock: one list, shared with
// the order history import (worker/features/orders/import-formats.ts).
export const isProductCode = isOnlineRetailProductCode;

function mostCommon<T>(values: T[], tieBreak: (a: T, b: T) => number): T | undefined {
	const counts = new Map<T, number>();
	for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
	return [...counts].sort((a, b) => b[1] - a[1] || tieBreak(a[0], b[0]))[0]?.[0];
}

/**
 * One product per stock code that was really sold at a price with a name. Zero-price rows
 * carry warehouse notes ("damages", "?", "amazon") rather than names, so they are ignored
 * for the name and price: price is the most common positive price, the cheaper on a tie.
 */
export function buildProducts(lines: readonly RetailLine[], faker: Faker): SeedProduct[] {
	const priced = new Map<string, RetailLine[]>();
	for (const line of lines) {
		if (!isProductCode(line.stockCode) || line.unitPriceMinor <= 0 || !line.description) continue;
		const group = priced.get(line.stockCode) ?? [];
		group.push(line);
		priced.set(line.stockCode, group);
	}
	const first = lines.reduce((t, l) => Math.min(t, l.placedAt), Infinity);
	const last = lines.reduce((t, l) => Math.max(t, l.placedAt), -Infinity);
	const days = Math.max(1, Math.ceil((last - first) / DAY_MS));
	const skus = [...priced.keys()].sort();
	const barcodes = barcodesForStockCodes(skus);
	return skus.map((sku) => {
		const group = priced.get(sku)!;
		const sold = group.filter((l) => !l.cancelled && l.quantity > 0);
		const unitsSold = sold.reduce((n, l) => n + l.quantity, 0);
		const pool = sold.length > 0 ? sold : group;
		return {
			id: faker.string.uuid(),
			sku,
			barcode: barcodes.get(sku)!,
			name: titleCase(
				mostCommon(
					pool.map((l) => l.description),
					() => 0
				)!
			),
			priceMinor: mostCommon(
				pool.map((l) => l.unitPriceMinor),
				(a, b) => a - b
			)!,
			reorderPoint: Math.ceil((unitsSold * LEAD_TIME_DAYS) / days),
			unitsSold
		};
	});
}
