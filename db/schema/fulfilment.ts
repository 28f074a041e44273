import { sql } from 'drizzle-orm';
import {
	check,
	foreignKey,
	index,
	integer,
	primaryKey,
	sqliteTable,
	text
} from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt } from './common';
import { locations } from './inventory';
import { orderLines, orders } from './orders';

export const SHIPMENT_STATUSES = ['picking', 'packed', 'shipped', 'delivered'] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

// A parcel from one location: an order ships in one or more (partial shipments).
export const shipments = sqliteTable(
	'shipments',
	{
		id: text('id').primaryKey(),
		orderId: text('order_id')
			.notNull()
			.references(() => orders.id),
		locationId: text('location_id')
			.notNull()
			.references(() => locations.id),
		status: text('status', { enum: SHIPMENT_STATUSES }).notNull().default('picking'),
		carrier: text('carrier'),
		trackingNumber: text('tracking_number'),
		version: integer('version').notNull().default(1),
		createdById: text('created_by_id'),
		createdAt: createdAt(),
		packedAt: integer('packed_at'),
		shippedAt: integer('shipped_at'),
		deliveredAt: integer('delivered_at'),
		updatedAt: updatedAt()
	},
	(t) => [
		index('shipments_order').on(t.orderId),
		// A location's pick and pack queues.
		index('shipments_location_status').on(t.locationId, t.status, t.createdAt),
		check(
			'shipments_status_known',
			sql`${t.status} IN ('picking', 'packed', 'shipped', 'delivered')`
		),
		check(
			'shipments_shipped_has_carrier',
			sql`${t.status} IN ('picking', 'packed') OR (${t.carrier} IS NOT NULL AND ${t.shippedAt} IS NOT NULL)`
		)
	]
);

export const shipmentLines = sqliteTable(
	'shipment_lines',
	{
		shipmentId: text('shipment_id')
			.notNull()
			.references(() => shipments.id),
		orderId: text('order_id').notNull(),
		line: integer('line').notNull(),
		quantity: integer('quantity').notNull(),
		pickedQuantity: integer('picked_quantity').notNull().default(0)
	},
	(t) => [
		primaryKey({ columns: [t.shipmentId, t.line] }),
		foreignKey({
			name: 'shipment_lines_order_line',
			columns: [t.orderId, t.line],
			foreignColumns: [orderLines.orderId, orderLines.line]
		}),
		index('shipment_lines_order_line').on(t.orderId, t.line),
		check('shipment_lines_quantity_positive', sql`${t.quantity} > 0`),
		check(
			'shipment_lines_picked_within_quantity',
			sql`${t.pickedQuantity} >= 0 AND ${t.pickedQuantity} <= ${t.quantity}`
		)
	]
);
