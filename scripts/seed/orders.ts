import type { Faker } from '@faker-js/faker';
import type { SeedProduct } from './products';
import type { RetailLine } from './read-csv';

export type SeedOrderLine = {
	line: number;
	productId: string;
	sku: string;
	name: string;
	quantity: number;
	unitPriceMinor: number;
};

export type SeedOrder = {
	id: string;
	number: string;
	cancelled: boolean;
	customerNumber: string | null;
	placedAt: number;
	totalMinor: number;
	lines: SeedOrderLine[];
};

function collectLines(group: RetailLine[], products: Map<string, SeedProduct>): SeedOrderLine[] {
	// Exact duplicate rows (the data has 500) are one line typed twice: sum them.
	const bySkuAndPrice = new Map<string, SeedOrderLine>();
	for (const row of group) {
		const product = products.get(row.stockCode);
		// Cancellations carry negative quantities; any other non-positive row is a stock note.
		const quantity = row.cancelled ? Math.abs(row.quantity) : row.quantity;
		if (!product || row.unitPriceMinor <= 0 || quantity <= 0) continue;
		const key = `${product.sku}\u0000${row.unitPriceMinor}`;
		const existing = bySkuAndPrice.get(key);
		if (existing) existing.quantity += quantity;
		else
			bySkuAndPrice.set(key, {
				line: bySkuAndPrice.size + 1,
				productId: product.id,
				sku: product.sku,
				name: product.name,
				quantity,
				unitPriceMinor: row.unitPriceMinor
			});
	}
	return [...bySkuAndPrice.values()];
}

/** One order per invoice that keeps at least one product line, oldest first. */
export function buildOrders(
	rows: readonly RetailLine[],
	products: readonly SeedProduct[],
	faker: Faker
): SeedOrder[] {
	const bySku = new Map(products.map((p) => [p.sku, p]));
	const byInvoice = new Map<string, RetailLine[]>();
	for (const row of rows) {
		const group = byInvoice.get(row.invoice) ?? [];
		group.push(row);
		byInvoice.set(row.invoice, group);
	}
	const orders: SeedOrder[] = [];
	for (const [number, group] of byInvoice) {
		const lines = collectLines(group, bySku);
		if (lines.length === 0) continue;
		orders.push({
			id: faker.string.uuid(),
			number,
			cancelled: number.startsWith('C'),
			customerNumber: group[0]!.customerNumber,
			// An invoice typed across a minute boundary has two times; it was placed at the first.
			placedAt: Math.min(...group.map((r) => r.placedAt)),
			totalMinor: lines.reduce((n, l) => n + l.quantity * l.unitPriceMinor, 0),
			lines
		});
	}
	return orders.sort((a, b) => a.placedAt - b.placedAt || a.number.localeCompare(b.number));
}
