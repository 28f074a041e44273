type Comparable = {
	id: string;
	name: string;
	sku: string;
	barcode: string | null;
	priceMinor: number;
};
export type Difference = 'barcode' | 'price';

/**
 * What tells products with the same name apart, among those on screen: for each one
 * with a twin, the fields (beyond the SKU, which always differs) whose value is not
 * the same across the twins. A person picking between two "Columbian Candle Round"
 * sees the price or barcode that differs marked.
 */
export function lookalikeDifferences(items: Comparable[]): Map<string, Set<Difference>> {
	const byName = new Map<string, Comparable[]>();
	for (const item of items) {
		const key = item.name.trim().toLowerCase();
		byName.set(key, [...(byName.get(key) ?? []), item]);
	}
	const result = new Map<string, Set<Difference>>();
	for (const twins of byName.values()) {
		if (twins.length < 2) continue;
		const differs = new Set<Difference>();
		if (new Set(twins.map((t) => t.barcode)).size > 1) differs.add('barcode');
		if (new Set(twins.map((t) => t.priceMinor)).size > 1) differs.add('price');
		for (const t of twins) result.set(t.id, differs);
	}
	return result;
}
