import { sql } from 'drizzle-orm';
import {
	check,
	foreignKey,
	index,
	integer,
	primaryKey,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';
import { createdAt, currency, updatedAt } from './common';
import { customers } from './customers';
import { orderLines, orders } from './orders';

// The smallest returns shape the order history import needs (issue 7); issue 11 extends it
// (policies, per-line states, receiving, inspection, refunds). What is here is what every
// later return also has: a sayable number, the order and customer, where it came from, a
// status, a version for decide-then-write, and lines that point at the order lines they
// take back, so `order_lines.quantity_returned` and refunds can be checked against them.

// Where a return came from: the import now; a rep ('phone') and the web shop ('web') later.
export const RETURN_CHANNELS = ['import', 'phone', 'web'] as const;
export type ReturnChannel = (typeof RETURN_CHANNELS)[number];

// Issue 11's return-level states (a line's own state comes with it). An imported return is
// history: 'resolved' (the goods came back and the money went out before Ordo existed).
export const RETURN_STATUSES = [
	'requested',
	'authorised',
	'partially_received',
	'received',
	'inspected',
	'resolved',
	'rejected',
	'cancelled',
	'expired'
] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

export const returns = sqliteTable(
	'returns',
	{
		id: text('id').primaryKey(),
		// People-sayable: 'RET-' || counters('return_number'), taken in the writing batch.
		number: text('number').notNull().unique(),
		orderId: text('order_id')
			.notNull()
			.references(() => orders.id),
		customerId: text('customer_id').references(() => customers.id),
		channel: text('channel', { enum: RETURN_CHANNELS }).notNull(),
		status: text('status', { enum: RETURN_STATUSES }).notNull(),
		// The source document (an Online Retail C-invoice): one per order it takes back from.
		externalRef: text('external_ref'),
		currency: currency(),
		refundMinor: integer('refund_minor').notNull().default(0),
		version: integer('version').notNull().default(1),
		// When it happened (for an import: the credit note's date), not when it was written.
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		index('returns_order').on(t.orderId),
		index('returns_customer_created').on(t.customerId, t.createdAt),
		// Importing the same file twice finds its returns here and says "already imported".
		uniqueIndex('returns_channel_external_ref')
			.on(t.channel, t.externalRef, t.orderId)
			.where(sql`${t.externalRef} IS NOT NULL`),
		check('returns_channel_known', sql`${t.channel} IN ('import', 'phone', 'web')`),
		check(
			'returns_status_known',
			sql`${t.status} IN ('requested', 'authorised', 'partially_received', 'received', 'inspected', 'resolved', 'rejected', 'cancelled', 'expired')`
		),
		check('returns_refund_nonnegative', sql`${t.refundMinor} >= 0`),
		check('returns_version_positive', sql`${t.version} >= 1`)
	]
);

export const returnLines = sqliteTable(
	'return_lines',
	{
		returnId: text('return_id')
			.notNull()
			.references(() => returns.id),
		line: integer('line').notNull(),
		orderId: text('order_id').notNull(),
		orderLine: integer('order_line').notNull(),
		// Snapshot, as on the order line: what a person reads on the return.
		sku: text('sku').notNull(),
		quantity: integer('quantity').notNull(),
		// What goes back to the customer for this line (integer minor units, order currency).
		refundMinor: integer('refund_minor').notNull().default(0),
		reason: text('reason')
	},
	(t) => [
		primaryKey({ columns: [t.returnId, t.line] }),
		foreignKey({
			columns: [t.orderId, t.orderLine],
			foreignColumns: [orderLines.orderId, orderLines.line],
			name: 'return_lines_order_line'
		}),
		index('return_lines_order_line').on(t.orderId, t.orderLine),
		check('return_lines_quantity_positive', sql`${t.quantity} > 0`),
		check('return_lines_refund_nonnegative', sql`${t.refundMinor} >= 0`)
	]
);
