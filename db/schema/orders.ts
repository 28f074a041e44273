import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, currency } from './common';
import { customers } from './customers';
import { products } from './inventory';

export const ORDER_STATUSES = [
	'pending_payment',
	'paid',
	'allocated',
	'picked',
	'packed',
	'shipped',
	'delivered',
	'cancelled',
	'on_hold'
] as const;

export const orders = sqliteTable(
	'orders',
	{
		id: text('id').primaryKey(),
		number: text('number').notNull().unique(),
		customerId: text('customer_id').references(() => customers.id),
		status: text('status', { enum: ORDER_STATUSES }).notNull(),
		currency: currency(),
		totalMinor: integer('total_minor').notNull(),
		placedAt: integer('placed_at').notNull(),
		createdAt: createdAt()
	},
	(t) => [
		index('orders_customer_placed').on(t.customerId, t.placedAt),
		index('orders_status_placed').on(t.status, t.placedAt),
		check('orders_total_nonnegative', sql`${t.totalMinor} >= 0`),
		check(
			'orders_status_known',
			sql`${t.status} IN ('pending_payment', 'paid', 'allocated', 'picked', 'packed', 'shipped', 'delivered', 'cancelled', 'on_hold')`
		)
	]
);

export const orderLines = sqliteTable(
	'order_lines',
	{
		orderId: text('order_id')
			.notNull()
			.references(() => orders.id),
		line: integer('line').notNull(),
		productId: text('product_id').references(() => products.id),
		sku: text('sku').notNull(),
		name: text('name').notNull(),
		quantity: integer('quantity').notNull(),
		unitPriceMinor: integer('unit_price_minor').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.orderId, t.line] }),
		index('order_lines_product').on(t.productId),
		check('order_lines_quantity_positive', sql`${t.quantity} > 0`),
		check('order_lines_price_nonnegative', sql`${t.unitPriceMinor} >= 0`)
	]
);
