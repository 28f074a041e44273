import type { StockStatus } from './schemas';

/**
 * The badge a location's stock earns: out when nothing is available to sell, low when
 * what is available is at or below the product's reorder point, ok otherwise.
 */
export function stockStatus(available: number, reorderPoint: number): StockStatus {
	if (available <= 0) return 'out';
	return available <= reorderPoint ? 'low' : 'ok';
}
