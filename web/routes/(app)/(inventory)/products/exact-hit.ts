type Identified = { sku: string; barcode: string | null };

/**
 * The product a scan or typed code names exactly: its barcode as scanned, or its
 * SKU in any case (SKUs are stored upper case). A name match is never "exact":
 * Enter on a word must not jump to the first of many products.
 */
export function exactHit<T extends Identified>(items: T[], query: string): T | null {
	const code = query.trim();
	if (!code) return null;
	const sku = code.toUpperCase();
	return items.find((item) => item.barcode === code || item.sku === sku) ?? null;
}
