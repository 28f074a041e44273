import { desc, eq, sql } from 'drizzle-orm';
import { locations, products, stockLevels, stockMovements } from '../../../db/schema/inventory';
import type { Ctx } from '../../core/context';
import { NotFound } from '../../core/errors';
import type { ProductDetail } from './schemas';

/** A product with its stock at every location (zero where none) and recent movements. */
export async function getProduct({ ctx, id }: { ctx: Ctx; id: string }): Promise<ProductDetail> {
	const { db } = ctx;
	const [found, stock, movements] = await db.batch([
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
		db
			.select()
			.from(stockMovements)
			.where(eq(stockMovements.productId, id))
			.orderBy(desc(stockMovements.recordedAt))
			.limit(20)
	]);
	const product = found[0];
	if (!product)
		throw new NotFound('product-not-found', 'No such product', `No product has id ${id}.`);
	const levels = stock.map((s) => ({ ...s, available: s.onHand - s.reserved }));
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
		stock: levels,
		movements: movements.map((m) => ({
			id: m.id,
			locationId: m.locationId,
			kind: m.kind,
			onHandDelta: m.onHandDelta,
			reservedDelta: m.reservedDelta,
			reason: m.reason,
			reference: m.reference,
			recordedAt: new Date(m.recordedAt).toISOString()
		}))
	};
}
