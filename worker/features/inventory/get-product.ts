import { eq, sql } from 'drizzle-orm';
import { locations, products, stockLevels } from '../../../db/schema/inventory';
import type { Ctx } from '../../core/context';
import { NotFound } from '../../core/errors';
import { movementPage, movementsQuery } from './list-movements';
import type { ProductDetail } from './schemas';
import { stockStatus } from './stock-status';

/** A product with its stock at every location (zero where none) and its newest movements. */
export async function getProduct({ ctx, id }: { ctx: Ctx; id: string }): Promise<ProductDetail> {
	const { db } = ctx;
	const [found, stock, movements, transit] = await db.batch([
		db.select().from(products).where(eq(products.id, id)),
		db
			.select({
				locationId: locations.id,
				code: locations.code,
				name: locations.name,
				onHand: sql<number>`coalesce(${stockLevels.onHand}, 0)`,
				reserved: sql<number>`coalesce(${stockLevels.reserved}, 0)`
			})
			.from(locations)
			.leftJoin(
				stockLevels,
				sql`${stockLevels.locationId} = ${locations.id} AND ${stockLevels.productId} = ${id}`
			)
			.orderBy(locations.code),
		movementsQuery(db, { productId: id }),
		// Sent and not yet received, by destination (transfers, issue 8): on no shelf, so in
		// no location's available. By the product's transfer lines (index transfer_lines_product).
		db.all<{ locationId: string; units: number }>(
			sql`SELECT t.to_location_id AS locationId, sum(l.quantity_sent - l.quantity_received) AS units
				FROM transfer_lines l JOIN transfers t ON t.id = l.transfer_id
				WHERE l.product_id = ${id} AND t.status IN ('sent', 'partially_received')
				GROUP BY t.to_location_id`
		)
	]);
	const inTransit = new Map(transit.map((r) => [r.locationId, Number(r.units)]));
	const product = found[0];
	if (!product)
		throw new NotFound('product-not-found', 'No such product', `No product has id ${id}.`);
	const page = movementPage(movements);
	const levels = stock.map((s) => {
		const available = s.onHand - s.reserved;
		return {
			...s,
			available,
			inTransit: inTransit.get(s.locationId) ?? 0,
			status: stockStatus(available, product.reorderPoint)
		};
	});
	return {
		id: product.id,
		sku: product.sku,
		barcode: product.barcode,
		name: product.name,
		priceMinor: product.priceMinor,
		currency: product.currency,
		reorderPoint: product.reorderPoint,
		onHand: levels.reduce((n, s) => n + s.onHand, 0),
		available: levels.reduce((n, s) => n + s.available, 0),
		inTransit: levels.reduce((n, s) => n + s.inTransit, 0),
		stock: levels,
		movements: page.items,
		movementsNextCursor: page.nextCursor
	};
}
