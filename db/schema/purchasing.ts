import { sql } from 'drizzle-orm';
import {
	check,
	index,
	integer,
	primaryKey,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';
import { createdAt, currency, updatedAt } from './common';
import { users } from './auth';
import { locations, products } from './inventory';

// Low stock and reordering (issue 8). docs/architecture.md "Reordering (issue 8)".

/**
 * One row per time a product ran low at a location. Opened and closed ONLY by the
 * triggers on stock_levels (migration `reorder`), so every path that moves stock
 * (orders, counts, imports, adjustments, code written later) raises it the same way.
 */
export const stockAlerts = sqliteTable(
	'stock_alerts',
	{
		id: text('id').primaryKey(),
		productId: text('product_id')
			.notNull()
			.references(() => products.id),
		locationId: text('location_id')
			.notNull()
			.references(() => locations.id),
		openedAt: integer('opened_at').notNull(),
		/** Available (on hand − reserved) when it opened, and the point it fell below. */
		availableAtOpen: integer('available_at_open').notNull(),
		reorderPoint: integer('reorder_point').notNull(),
		closedAt: integer('closed_at'),
		availableAtClose: integer('available_at_close')
	},
	(t) => [
		// At most one open alert per product × location: the "no repetition until
		// recovery" rule, stated where no writer can skip it.
		uniqueIndex('stock_alerts_one_open')
			.on(t.productId, t.locationId)
			.where(sql`closed_at IS NULL`),
		// The Low stock page and the nav badge: open alerts, newest first (a cheap count).
		index('stock_alerts_open_list')
			.on(t.openedAt)
			.where(sql`closed_at IS NULL`),
		index('stock_alerts_product').on(t.productId, t.openedAt)
	]
);

export const suppliers = sqliteTable(
	'suppliers',
	{
		id: text('id').primaryKey(),
		name: text('name').notNull(),
		email: text('email'),
		leadTimeDays: integer('lead_time_days').notNull(),
		currency: currency(),
		createdAt: createdAt()
	},
	(t) => [
		index('suppliers_name').on(t.name),
		check('suppliers_lead_time', sql`${t.leadTimeDays} >= 0 AND ${t.leadTimeDays} <= 365`),
		check('suppliers_currency_iso', sql`length(${t.currency}) = 3`)
	]
);

export const supplierItems = sqliteTable(
	'supplier_items',
	{
		supplierId: text('supplier_id')
			.notNull()
			.references(() => suppliers.id),
		productId: text('product_id')
			.notNull()
			.references(() => products.id),
		supplierCode: text('supplier_code').notNull(),
		/** Units per pack: purchase orders are rounded up to whole packs. */
		packSize: integer('pack_size').notNull().default(1),
		/** The supplier's current price per unit, minor units of the supplier's currency. */
		unitCostMinor: integer('unit_cost_minor').notNull(),
		/** What the shop paid per unit at its last receipt from this supplier. */
		lastPaidUnitCostMinor: integer('last_paid_unit_cost_minor'),
		updatedAt: updatedAt()
	},
	(t) => [
		primaryKey({ columns: [t.supplierId, t.productId] }),
		// The reorder screen finds a product's suppliers.
		index('supplier_items_product').on(t.productId),
		check('supplier_items_pack_size', sql`${t.packSize} >= 1`),
		check('supplier_items_cost', sql`${t.unitCostMinor} >= 0`)
	]
);

export const PURCHASE_ORDER_STATUSES = [
	'draft',
	'approved',
	'sent',
	'partially_received',
	'received',
	'cancelled'
] as const;
export type PurchaseOrderStatus = (typeof PURCHASE_ORDER_STATUSES)[number];

export const purchaseOrders = sqliteTable(
	'purchase_orders',
	{
		id: text('id').primaryKey(),
		/** 'PO-' || counters('purchase_order_number'), taken in the drafting batch. */
		number: text('number').notNull().unique(),
		supplierId: text('supplier_id')
			.notNull()
			.references(() => suppliers.id),
		/** Where the goods are delivered and received. */
		locationId: text('location_id')
			.notNull()
			.references(() => locations.id),
		status: text('status', { enum: PURCHASE_ORDER_STATUSES }).notNull().default('draft'),
		currency: currency(),
		version: integer('version').notNull().default(1),
		createdById: text('created_by_id').references(() => users.id),
		approvedById: text('approved_by_id').references(() => users.id),
		approvedAt: integer('approved_at'),
		sentAt: integer('sent_at'),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		index('purchase_orders_status').on(t.status, t.createdAt),
		index('purchase_orders_supplier').on(t.supplierId, t.createdAt),
		check(
			'purchase_orders_status_known',
			sql`${t.status} IN ('draft', 'approved', 'sent', 'partially_received', 'received', 'cancelled')`
		),
		check('purchase_orders_version_positive', sql`${t.version} >= 1`)
	]
);

export const purchaseOrderLines = sqliteTable(
	'purchase_order_lines',
	{
		purchaseOrderId: text('purchase_order_id')
			.notNull()
			.references(() => purchaseOrders.id),
		line: integer('line').notNull(),
		productId: text('product_id')
			.notNull()
			.references(() => products.id),
		supplierCode: text('supplier_code'),
		orderedQty: integer('ordered_qty').notNull(),
		unitCostMinor: integer('unit_cost_minor').notNull(),
		receivedQty: integer('received_qty').notNull().default(0)
	},
	(t) => [
		primaryKey({ columns: [t.purchaseOrderId, t.line] }),
		// One line per product: a receipt's moving-average update reads the product once.
		uniqueIndex('purchase_order_lines_product').on(t.purchaseOrderId, t.productId),
		// What is already on order for a product (the reorder screen).
		index('purchase_order_lines_by_product').on(t.productId),
		check('purchase_order_lines_ordered_positive', sql`${t.orderedQty} > 0`),
		check('purchase_order_lines_cost', sql`${t.unitCostMinor} >= 0`),
		check('purchase_order_lines_received', sql`${t.receivedQty} >= 0`)
	]
);
