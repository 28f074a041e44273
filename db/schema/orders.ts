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
import { customers } from './customers';
import { locations, products } from './inventory';

// The lifecycle (worker/features/orders/lifecycle.ts holds the one table of allowed
// transitions). 'picking' is work in progress in the warehouse; 'picked' means every
// unit is in the tote and waits for packing (the seed's older orders use it).
export const ORDER_STATUSES = [
	'pending_payment',
	'paid',
	'allocated',
	'picking',
	'picked',
	'packed',
	'shipped',
	'delivered',
	'cancelled',
	'on_hold'
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

// Web through the integration API (an API key), phone by a rep, import from a file.
export const ORDER_CHANNELS = ['web', 'phone', 'import'] as const;
export type OrderChannel = (typeof ORDER_CHANNELS)[number];

// Payment and fulfilment are kept apart from the lifecycle for the partial cases.
export const PAYMENT_STATUSES = [
	'unpaid',
	'authorized',
	'paid',
	'partially_refunded',
	'refunded',
	'refund_failed'
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export const FULFILMENT_STATUSES = ['unfulfilled', 'partial', 'fulfilled', 'returned'] as const;
export type FulfilmentStatus = (typeof FULFILMENT_STATUSES)[number];

// Who did something: a person, an integration's API key, a payment provider, Ordo itself.
export const ACTOR_KINDS = ['user', 'api_key', 'provider', 'system'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const orders = sqliteTable(
	'orders',
	{
		id: text('id').primaryKey(),
		// People-sayable: 'ORD-' || counters('order_number'), taken in the placing batch.
		number: text('number').notNull().unique(),
		customerId: text('customer_id').references(() => customers.id),
		status: text('status', { enum: ORDER_STATUSES }).notNull(),
		// The status an on-hold order returns to when the hold is released.
		heldFrom: text('held_from', { enum: ORDER_STATUSES }),
		holdReason: text('hold_reason'),
		// Bumped by every write: "decide, then write" preconditions carry it.
		version: integer('version').notNull().default(1),
		channel: text('channel', { enum: ORDER_CHANNELS }).notNull().default('import'),
		paymentStatus: text('payment_status', { enum: PAYMENT_STATUSES }).notNull().default('unpaid'),
		fulfilmentStatus: text('fulfilment_status', { enum: FULFILMENT_STATUSES })
			.notNull()
			.default('unfulfilled'),
		currency: currency(),
		// Sum of the product lines before the order discount.
		subtotalMinor: integer('subtotal_minor').notNull().default(0),
		discountMinor: integer('discount_minor').notNull().default(0),
		shippingMinor: integer('shipping_minor').notNull().default(0),
		taxMinor: integer('tax_minor').notNull().default(0),
		totalMinor: integer('total_minor').notNull(),
		// JSON text: { name, line1, line2?, city, postcode, country, phone? }.
		shippingAddress: text('shipping_address', { mode: 'json' }).$type<Record<string, unknown>>(),
		billingAddress: text('billing_address', { mode: 'json' }).$type<Record<string, unknown>>(),
		notes: text('notes'),
		placedByKind: text('placed_by_kind', { enum: ACTOR_KINDS }),
		placedById: text('placed_by_id'),
		placedAt: integer('placed_at').notNull(),
		cancelledAt: integer('cancelled_at'),
		cancelReason: text('cancel_reason'),
		// The source's own reference (an Online Retail invoice, a Shopify order name):
		// unique per channel, so importing one file twice says "already imported".
		externalRef: text('external_ref'),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		// With the id, each of these answers the list's ORDER BY placed_at DESC, id DESC and its
		// keyset cursor from the index alone (no table read, no sort of ties) — bench/README.md.
		index('orders_customer_placed').on(t.customerId, t.placedAt, t.id),
		index('orders_status_placed').on(t.status, t.placedAt, t.id),
		// The placing time of orders found by id (an SKU's order lines), without their rows.
		index('orders_id_placed').on(t.id, t.placedAt),
		// Keyset paging of the whole list and date ranges: (placed_at, id) descending; with the
		// customer, a search by a common name walks the newest orders in the index alone.
		index('orders_placed').on(t.placedAt, t.id, t.customerId),
		uniqueIndex('orders_channel_external_ref')
			.on(t.channel, t.externalRef)
			.where(sql`${t.externalRef} IS NOT NULL`),
		check('orders_total_nonnegative', sql`${t.totalMinor} >= 0`),
		check(
			'orders_amounts_nonnegative',
			sql`${t.subtotalMinor} >= 0 AND ${t.discountMinor} >= 0 AND ${t.shippingMinor} >= 0 AND ${t.taxMinor} >= 0`
		),
		check(
			'orders_status_known',
			sql`${t.status} IN ('pending_payment', 'paid', 'allocated', 'picking', 'picked', 'packed', 'shipped', 'delivered', 'cancelled', 'on_hold')`
		),
		check(
			'orders_held_from_only_on_hold',
			sql`${t.heldFrom} IS NULL OR (${t.status} = 'on_hold' AND ${t.heldFrom} <> 'on_hold')`
		),
		check('orders_channel_known', sql`${t.channel} IN ('web', 'phone', 'import')`),
		check(
			'orders_payment_status_known',
			sql`${t.paymentStatus} IN ('unpaid', 'authorized', 'paid', 'partially_refunded', 'refunded', 'refund_failed')`
		),
		check(
			'orders_fulfilment_status_known',
			sql`${t.fulfilmentStatus} IN ('unfulfilled', 'partial', 'fulfilled', 'returned')`
		),
		check(
			'orders_placed_by_known',
			sql`${t.placedByKind} IS NULL OR ${t.placedByKind} IN ('user', 'api_key', 'provider', 'system')`
		),
		check('orders_version_positive', sql`${t.version} >= 1`)
	]
);

export const ORDER_LINE_KINDS = ['product', 'shipping'] as const;
export type OrderLineKind = (typeof ORDER_LINE_KINDS)[number];

// Each line snapshots what was sold and keeps what the customer actually paid for it
// (net: after the line's and its share of the order's discount, with tax), so refunds
// and returns know what each unit cost. Shipping is a line of its own (kind 'shipping').
export const orderLines = sqliteTable(
	'order_lines',
	{
		orderId: text('order_id')
			.notNull()
			.references(() => orders.id),
		line: integer('line').notNull(),
		kind: text('kind', { enum: ORDER_LINE_KINDS }).notNull().default('product'),
		productId: text('product_id').references(() => products.id),
		// Where the line's units are reserved and ship from (NULL for shipping lines).
		locationId: text('location_id').references(() => locations.id),
		sku: text('sku').notNull(),
		name: text('name').notNull(),
		quantity: integer('quantity').notNull(),
		unitPriceMinor: integer('unit_price_minor').notNull(),
		discountMinor: integer('discount_minor').notNull().default(0),
		taxMinor: integer('tax_minor').notNull().default(0),
		netMinor: integer('net_minor').notNull().default(0),
		quantityShipped: integer('quantity_shipped').notNull().default(0),
		quantityReturned: integer('quantity_returned').notNull().default(0),
		// An exchange's replacement stays on the original order (issue 11): the line it
		// replaces and the return that asked for it, so a later return of it refunds right.
		replacesLine: integer('replaces_line'),
		returnId: text('return_id')
	},
	(t) => [
		primaryKey({ columns: [t.orderId, t.line] }),
		index('order_lines_product').on(t.productId),
		// Sales velocity for reorder-point suggestions (issue 8): a product's lines at a
		// location with their quantities, read from the index alone.
		index('order_lines_product_location').on(t.productId, t.locationId, t.orderId, t.quantity),
		// Order search by SKU.
		index('order_lines_sku').on(t.sku, t.orderId),
		// Units sold per product in a period (inventory reports): the period's orders by
		// orders_placed, then their product lines from this index alone.
		index('order_lines_sales').on(t.orderId, t.kind, t.productId, t.quantity, t.quantityReturned),
		check('order_lines_quantity_positive', sql`${t.quantity} > 0`),
		check('order_lines_price_nonnegative', sql`${t.unitPriceMinor} >= 0`),
		check('order_lines_kind_known', sql`${t.kind} IN ('product', 'shipping')`),
		check(
			'order_lines_amounts_nonnegative',
			sql`${t.discountMinor} >= 0 AND ${t.taxMinor} >= 0 AND ${t.netMinor} >= 0`
		),
		check(
			'order_lines_shipped_within_quantity',
			sql`${t.quantityShipped} >= 0 AND ${t.quantityShipped} <= ${t.quantity}`
		),
		check(
			'order_lines_returned_within_shipped',
			sql`${t.quantityReturned} >= 0 AND ${t.quantityReturned} <= ${t.quantityShipped}`
		)
	]
);

// Named counters, moved by an UPDATE in the batch that uses the value, so two processes
// never hand out one number. 'order_number' starts at 10000 (migration 0013).
export const counters = sqliteTable('counters', {
	name: text('name').primaryKey(),
	value: integer('value').notNull()
});

export const TIMELINE_ENTITY_KINDS = [
	'order',
	'payment',
	'shipment',
	'return',
	'case',
	'customer'
] as const;
export type TimelineEntityKind = (typeof TIMELINE_ENTITY_KINDS)[number];

// What happened, for people (the audit log is for security): one attributed event per
// change, written in the change's batch. The order page and the customer 360 read it.
export const timelineEvents = sqliteTable(
	'timeline_events',
	{
		id: text('id').primaryKey(),
		at: integer('at').notNull(),
		actorKind: text('actor_kind', { enum: ACTOR_KINDS }).notNull(),
		actorId: text('actor_id'),
		// The name shown ("Sam Rep", "Shopify key", "Stripe"), kept as it was then.
		actorLabel: text('actor_label'),
		entityKind: text('entity_kind', { enum: TIMELINE_ENTITY_KINDS }).notNull(),
		entityId: text('entity_id').notNull(),
		customerId: text('customer_id').references(() => customers.id),
		orderId: text('order_id').references(() => orders.id),
		// e.g. order.placed, order.paid, order.cancelled, shipment.shipped, refund.failed
		kind: text('kind').notNull(),
		summary: text('summary').notNull(),
		data: text('data', { mode: 'json' })
			.$type<Record<string, unknown>>()
			.notNull()
			.default(sql`'{}'`)
	},
	(t) => [
		index('timeline_events_order_at').on(t.orderId, t.at),
		index('timeline_events_customer_at').on(t.customerId, t.at),
		check(
			'timeline_events_actor_kind_known',
			sql`${t.actorKind} IN ('user', 'api_key', 'provider', 'system')`
		),
		check(
			'timeline_events_entity_kind_known',
			sql`${t.entityKind} IN ('order', 'payment', 'shipment', 'return', 'case', 'customer')`
		)
	]
);
