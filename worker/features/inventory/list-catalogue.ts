import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { products, stockLevels } from '../../../db/schema/inventory';
import type { Ctx } from '../../core/context';
import type { CatalogueItem, CataloguePage, CatalogueQuery } from './schemas';
import { stockStatus } from './stock-status';

/**
 * The active catalogue with barcodes and one location's stock, in id pages (the
 * products primary key; the level through the stock_levels primary key), for a
 * warehouse phone to keep for offline use (issue 10). Product facts and counts only:
 * nothing about customers or orders.
 */
export async function listCatalogue({
	ctx,
	input
}: {
	ctx: Ctx;
	input: CatalogueQuery;
}): Promise<CataloguePage> {
	const { locationId, after, limit } = input;
	const rows = await ctx.db
		.select({
			id: products.id,
			sku: products.sku,
			barcode: products.barcode,
			name: products.name,
			priceMinor: products.priceMinor,
			currency: products.currency,
			reorderPoint: products.reorderPoint,
			onHand: sql<number>`coalesce(${stockLevels.onHand}, 0)`,
			reserved: sql<number>`coalesce(${stockLevels.reserved}, 0)`,
			bin: stockLevels.bin
		})
		.from(products)
		.leftJoin(
			stockLevels,
			and(eq(stockLevels.productId, products.id), eq(stockLevels.locationId, locationId))
		)
		.where(and(eq(products.active, true), after ? gt(products.id, after) : undefined))
		.orderBy(asc(products.id))
		.limit(limit + 1);
	const items: CatalogueItem[] = rows.slice(0, limit).map((row) => {
		const available = row.onHand - row.reserved;
		return { ...row, available, status: stockStatus(available, row.reorderPoint) };
	});
	return {
		items,
		nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null,
		asOf: new Date().toISOString()
	};
}
