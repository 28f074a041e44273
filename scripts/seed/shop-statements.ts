import type { InStatement } from '@libsql/client';
import type { Shop } from './shop';
import { LEVEL_COLUMNS, MOVEMENT_COLUMNS, PRODUCT_COLUMNS } from './columns';
import { customerStatements } from './customer-statements';
import { insertStatements } from './sql-chunks';

/** The INSERTs that write a built shop, parents before children. */
const SHIPPED = new Set(['shipped', 'delivered']);

export function shopStatements(shop: Shop, now: number): InStatement[] {
	const warehouse = shop.locations[0]!.id;
	return [
		...insertStatements(
			'locations',
			['id', 'code', 'name', 'created_at'],
			shop.locations.map((l) => [l.id, l.code, l.name, now])
		),
		...insertStatements(
			'products',
			PRODUCT_COLUMNS,
			shop.products.map((p) => [
				p.id,
				p.sku,
				p.barcode,
				p.name,
				p.priceMinor,
				'GBP',
				p.reorderPoint,
				p.unitsSold,
				now,
				now
			])
		),
		...insertStatements(
			'stock_levels',
			LEVEL_COLUMNS,
			shop.levels.map((l) => [l.productId, l.locationId, l.onHand, l.reserved, now])
		),
		...insertStatements(
			'stock_movements',
			MOVEMENT_COLUMNS,
			shop.movements.map((m) => [
				m.id,
				m.productId,
				m.locationId,
				m.kind,
				m.onHandDelta,
				m.reservedDelta,
				m.reason,
				m.reference,
				now
			])
		),
		...customerStatements(shop.customers),
		...insertStatements(
			'orders',
			[
				'id',
				'number',
				'customer_id',
				'status',
				'channel',
				'payment_status',
				'fulfilment_status',
				'currency',
				'subtotal_minor',
				'total_minor',
				'placed_at',
				'created_at',
				'updated_at'
			],
			shop.orders.map((o) => [
				o.id,
				o.number,
				o.customerId,
				o.status,
				'import',
				o.status === 'pending_payment' || o.status === 'cancelled' ? 'unpaid' : 'paid',
				SHIPPED.has(o.status) ? 'fulfilled' : 'unfulfilled',
				'GBP',
				o.totalMinor,
				o.totalMinor,
				o.placedAt,
				o.placedAt,
				o.placedAt
			])
		),
		// Every line ships from the warehouse, where open orders' reservations are.
		...insertStatements(
			'order_lines',
			[
				'order_id',
				'line',
				'product_id',
				'location_id',
				'sku',
				'name',
				'quantity',
				'unit_price_minor',
				'net_minor',
				'quantity_shipped'
			],
			shop.orders.flatMap((o) =>
				o.lines.map((l) => [
					o.id,
					l.line,
					l.productId,
					warehouse,
					l.sku,
					l.name,
					l.quantity,
					l.unitPriceMinor,
					l.quantity * l.unitPriceMinor,
					SHIPPED.has(o.status) ? l.quantity : 0
				])
			)
		)
	];
}
