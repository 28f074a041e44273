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
import { users } from './auth';
import { customers } from './customers';
import { locations, products } from './inventory';
import { orderLines, orders } from './orders';

// Returns and claims (issue 11; the order history import of issue 7 writes resolved ones).
// A return has a sayable number, the order and customer, where it came from, the policy
// version it was authorised under, a version for decide-then-write, and lines that point
// at the order lines they take back. Each LINE has its own state
// (worker/features/returns/line-states.ts holds the one table of allowed transitions); the
// return's status is derived from its lines by the same module and stored for lists.
// A claim (kind 'claim') is the same shape without goods coming back: damaged, defective,
// wrong or missing items and lost parcels, resolved by a refund or a replacement.
// Received goods are never stock: they are units in quarantine (return_units) until an
// inspection gives each a disposition; only 'restock' writes a ledger movement.

// Where a return came from: the import; a rep ('phone') and the web shop ('web').
export const RETURN_CHANNELS = ['import', 'phone', 'web'] as const;
export type ReturnChannel = (typeof RETURN_CHANNELS)[number];

export const RETURN_KINDS = ['return', 'claim'] as const;
export type ReturnKind = (typeof RETURN_KINDS)[number];

// The return's status, derived from its lines (line-states.ts deriveReturnStatus). 'held':
// started from a SKU when the order could not be found, waiting for a person to match it.
// An imported return is history: 'resolved' (goods and money moved before Ordo existed).
export const RETURN_STATUSES = [
	'held',
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
		kind: text('kind', { enum: RETURN_KINDS }).notNull().default('return'),
		// NULL only while 'held': started from a SKU when the order could not be found.
		orderId: text('order_id').references(() => orders.id),
		customerId: text('customer_id').references(() => customers.id),
		channel: text('channel', { enum: RETURN_CHANNELS }).notNull(),
		status: text('status', { enum: RETURN_STATUSES }).notNull(),
		// The return_policies.version it was authorised under (NULL for imported history).
		policyVersion: integer('policy_version'),
		// The source document (an Online Retail C-invoice): one per order it takes back from.
		externalRef: text('external_ref'),
		currency: currency(),
		// What went (or goes) back to the customer in money, all lines and shipping together.
		refundMinor: integer('refund_minor').notNull().default(0),
		// The original delivery charge refunded with it (the law or the policy), in refundMinor.
		shippingRefundMinor: integer('shipping_refund_minor').notNull().default(0),
		// Why it is held for review, in words (SKU-only returns, abuse flags needing a manager).
		reviewReason: text('review_reason'),
		notes: text('notes'),
		// Instant exchange: the replacement ships before the return arrives; the return is owed.
		instantExchange: integer('instant_exchange', { mode: 'boolean' }).notNull().default(false),
		requestedById: text('requested_by_id').references(() => users.id),
		authorisedById: text('authorised_by_id').references(() => users.id),
		authorisedAt: integer('authorised_at'),
		// When nothing has arrived by then, the scheduled job expires the authorised lines.
		expiresAt: integer('expires_at'),
		// When the last line was resolved (the "request to money back" report measures to it).
		resolvedAt: integer('resolved_at'),
		version: integer('version').notNull().default(1),
		// When it happened (for an import: the credit note's date), not when it was written.
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		index('returns_order').on(t.orderId),
		index('returns_customer_created').on(t.customerId, t.createdAt),
		index('returns_status_created').on(t.status, t.createdAt),
		index('returns_expires')
			.on(t.expiresAt)
			.where(sql`${t.expiresAt} IS NOT NULL`),
		// Importing the same file twice finds its returns here and says "already imported".
		uniqueIndex('returns_channel_external_ref')
			.on(t.channel, t.externalRef, t.orderId)
			.where(sql`${t.externalRef} IS NOT NULL`),
		check('returns_channel_known', sql`${t.channel} IN ('import', 'phone', 'web')`),
		check('returns_kind_known', sql`${t.kind} IN ('return', 'claim')`),
		check(
			'returns_status_known',
			sql`${t.status} IN ('held', 'requested', 'authorised', 'partially_received', 'received', 'inspected', 'resolved', 'rejected', 'cancelled', 'expired')`
		),
		check('returns_order_unless_held', sql`${t.orderId} IS NOT NULL OR ${t.status} = 'held'`),
		check(
			'returns_refund_nonnegative',
			sql`${t.refundMinor} >= 0 AND ${t.shippingRefundMinor} >= 0`
		),
		check('returns_version_positive', sql`${t.version} >= 1`)
	]
);

// A line's own state. 'returned_to_customer': rejected at inspection and sent back.
export const RETURN_LINE_STATUSES = [
	'requested',
	'authorised',
	'received',
	'inspected',
	'resolved',
	'rejected',
	'cancelled',
	'expired',
	'returned_to_customer'
] as const;
export type ReturnLineStatus = (typeof RETURN_LINE_STATUSES)[number];

// What the customer gets for a line. 'replacement': a claim's item sent again.
export const RETURN_OUTCOMES = [
	'refund',
	'store_credit',
	'exchange',
	'keep_item',
	'replacement'
] as const;
export type ReturnOutcome = (typeof RETURN_OUTCOMES)[number];

// Lines that do not count against what was shipped: nothing is (or will be) taken back.
export const RETURN_LINE_STATUSES_RELEASED = ['cancelled', 'rejected', 'expired'] as const;

export const returnLines = sqliteTable(
	'return_lines',
	{
		returnId: text('return_id')
			.notNull()
			.references(() => returns.id),
		line: integer('line').notNull(),
		// NULL only on a held return's line (a SKU, no order found yet).
		orderId: text('order_id'),
		orderLine: integer('order_line'),
		productId: text('product_id').references(() => products.id),
		// Snapshot, as on the order line: what a person reads on the return.
		sku: text('sku').notNull(),
		quantity: integer('quantity').notNull(),
		status: text('status', { enum: RETURN_LINE_STATUSES }).notNull().default('requested'),
		// Units scanned in against this line (return_receipts), and inspected (return_units).
		quantityReceived: integer('quantity_received').notNull().default(0),
		quantityInspected: integer('quantity_inspected').notNull().default(0),
		// A return_reasons.code (imported history: NULL, with the file's text in `reason`).
		reasonCode: text('reason_code').references(() => returnReasons.code),
		reason: text('reason'),
		note: text('note'),
		outcome: text('outcome', { enum: RETURN_OUTCOMES }),
		// The policy engine's decision when authorised (and after inspection), as it said it:
		// { eligible, decidedBy, explanation[], feeMinor, refundMinor, ... }.
		decision: text('decision', { mode: 'json' }).$type<Record<string, unknown>>(),
		// Restocking fee kept back, and what goes back to the customer for this line
		// (integer minor units, order currency), from the order line's net amount paid.
		feeMinor: integer('fee_minor').notNull().default(0),
		refundMinor: integer('refund_minor').notNull().default(0),
		// An exchange's replacement: the order line added to the original order for it.
		replacementOrderLine: integer('replacement_order_line')
	},
	(t) => [
		primaryKey({ columns: [t.returnId, t.line] }),
		foreignKey({
			columns: [t.orderId, t.orderLine],
			foreignColumns: [orderLines.orderId, orderLines.line],
			name: 'return_lines_order_line'
		}),
		index('return_lines_order_line').on(t.orderId, t.orderLine, t.status, t.quantity),
		index('return_lines_product').on(t.productId),
		index('return_lines_reason').on(t.reasonCode),
		check('return_lines_quantity_positive', sql`${t.quantity} > 0`),
		check(
			'return_lines_received_nonnegative',
			sql`${t.quantityReceived} >= 0 AND ${t.quantityInspected} >= 0 AND ${t.quantityInspected} <= ${t.quantityReceived}`
		),
		check('return_lines_refund_nonnegative', sql`${t.refundMinor} >= 0 AND ${t.feeMinor} >= 0`),
		check(
			'return_lines_status_known',
			sql`${t.status} IN ('requested', 'authorised', 'received', 'inspected', 'resolved', 'rejected', 'cancelled', 'expired', 'returned_to_customer')`
		),
		check(
			'return_lines_outcome_known',
			sql`${t.outcome} IS NULL OR ${t.outcome} IN ('refund', 'store_credit', 'exchange', 'keep_item', 'replacement')`
		),
		check('return_lines_order_line_pair', sql`(${t.orderId} IS NULL) = (${t.orderLine} IS NULL)`)
	]
);

// The managed, hierarchical list of reasons ("Damaged" › "Damaged in transit"). The flags
// are what the policy engine reads: a defective or damaged-on-arrival reason waives the
// restocking fee and puts return shipping on the shop; claimOnly reasons start claims.
export const returnReasons = sqliteTable(
	'return_reasons',
	{
		code: text('code').primaryKey(),
		parentCode: text('parent_code'),
		label: text('label').notNull(),
		defective: integer('defective', { mode: 'boolean' }).notNull().default(false),
		damagedOnArrival: integer('damaged_on_arrival', { mode: 'boolean' }).notNull().default(false),
		shopFault: integer('shop_fault', { mode: 'boolean' }).notNull().default(false),
		claimOnly: integer('claim_only', { mode: 'boolean' }).notNull().default(false),
		active: integer('active', { mode: 'boolean' }).notNull().default(true),
		sortOrder: integer('sort_order').notNull().default(0)
	},
	(t) => [
		foreignKey({
			columns: [t.parentCode],
			foreignColumns: [t.code],
			name: 'return_reasons_parent'
		}),
		check(
			'return_reasons_code_shape',
			sql`${t.code} GLOB '[a-z]*' AND ${t.code} NOT GLOB '*[^a-z0-9_]*'`
		)
	]
);

// Versioned return policies: a change writes a new version; a return keeps the version it
// was authorised under. The current policy is the highest version. The document's shape
// is worker/features/returns/policy/document.ts (valibot), checked before it is written.
export const returnPolicies = sqliteTable(
	'return_policies',
	{
		version: integer('version').primaryKey(),
		document: text('document', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
		// What changed, in the manager's words.
		note: text('note'),
		createdById: text('created_by_id').references(() => users.id),
		createdAt: createdAt()
	},
	(t) => [check('return_policies_version_positive', sql`${t.version} >= 1`)]
);

// The inbound parcel, tracked apart from the return's state (a parcel can be lost while
// the return is still authorised; a return can arrive in two parcels).
export const RETURN_SHIPMENT_STATUSES = [
	'label_created',
	'in_transit',
	'delivered',
	'lost'
] as const;
export const returnShipments = sqliteTable(
	'return_shipments',
	{
		id: text('id').primaryKey(),
		returnId: text('return_id')
			.notNull()
			.references(() => returns.id),
		carrier: text('carrier'),
		trackingNumber: text('tracking_number'),
		status: text('status', { enum: RETURN_SHIPMENT_STATUSES }).notNull().default('label_created'),
		// Who pays the postage: the shop (prepaid label) or the customer.
		paidBy: text('paid_by', { enum: ['shop', 'customer'] })
			.notNull()
			.default('customer'),
		labelSentAt: integer('label_sent_at'),
		version: integer('version').notNull().default(1),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		index('return_shipments_return').on(t.returnId),
		index('return_shipments_tracking').on(t.trackingNumber),
		check(
			'return_shipments_status_known',
			sql`${t.status} IN ('label_created', 'in_transit', 'delivered', 'lost')`
		),
		check('return_shipments_paid_by_known', sql`${t.paidBy} IN ('shop', 'customer')`)
	]
);

// Each scan at the returns bench, applied once (idempotency_key from the outbox). A receipt
// names the return line it matched, or none: an UNEXPECTED item (not on the return, or
// not from the order) is kept with expected = 0 and flagged for a person; a receipt over
// the line's quantity is kept the same way. Nothing scanned is ever dropped.
export const returnReceipts = sqliteTable(
	'return_receipts',
	{
		id: text('id').primaryKey(),
		returnId: text('return_id')
			.notNull()
			.references(() => returns.id),
		line: integer('line'),
		productId: text('product_id').references(() => products.id),
		// What was scanned, as typed (a barcode, a SKU), for the unexpected ones above all.
		code: text('code').notNull(),
		quantity: integer('quantity').notNull().default(1),
		expected: integer('expected', { mode: 'boolean' }).notNull(),
		// Why it was flagged, in words ("Not on RET-10012", "2 received, 1 authorised").
		flag: text('flag'),
		locationId: text('location_id')
			.notNull()
			.references(() => locations.id),
		idempotencyKey: text('idempotency_key').notNull().unique(),
		// When the phone scanned it (corrected for its clock), and when it reached the server.
		deviceTime: integer('device_time'),
		receivedById: text('received_by_id').references(() => users.id),
		createdAt: createdAt()
	},
	(t) => [
		index('return_receipts_return').on(t.returnId, t.line),
		index('return_receipts_unexpected')
			.on(t.expected, t.createdAt)
			.where(sql`${t.expected} = 0`),
		check('return_receipts_quantity_positive', sql`${t.quantity} > 0`)
	]
);

export const UNIT_GRADES = ['new', 'opened', 'damaged', 'defective', 'empty_box'] as const;
export type UnitGrade = (typeof UNIT_GRADES)[number];
export const UNIT_DISPOSITIONS = [
	'restock',
	'restock_open_box',
	'quarantine',
	'return_to_vendor',
	'repair',
	'donate',
	'dispose',
	'return_to_customer'
] as const;
export type UnitDisposition = (typeof UNIT_DISPOSITIONS)[number];

// One row per received unit: in quarantine (disposition NULL) until inspected. Only a
// 'restock' disposition moves stock (a return_restock movement in the inspection's batch);
// quarantine per product and location is the count of units here without a disposition
// or with 'quarantine'.
export const returnUnits = sqliteTable(
	'return_units',
	{
		id: text('id').primaryKey(),
		returnId: text('return_id')
			.notNull()
			.references(() => returns.id),
		receiptId: text('receipt_id')
			.notNull()
			.references(() => returnReceipts.id),
		line: integer('line'),
		productId: text('product_id').references(() => products.id),
		locationId: text('location_id')
			.notNull()
			.references(() => locations.id),
		grade: text('grade', { enum: UNIT_GRADES }),
		disposition: text('disposition', { enum: UNIT_DISPOSITIONS }),
		note: text('note'),
		inspectedById: text('inspected_by_id').references(() => users.id),
		inspectedAt: integer('inspected_at'),
		version: integer('version').notNull().default(1),
		createdAt: createdAt()
	},
	(t) => [
		index('return_units_return').on(t.returnId, t.line),
		index('return_units_quarantine')
			.on(t.productId, t.locationId)
			.where(sql`${t.disposition} IS NULL OR ${t.disposition} = 'quarantine'`),
		check(
			'return_units_grade_known',
			sql`${t.grade} IS NULL OR ${t.grade} IN ('new', 'opened', 'damaged', 'defective', 'empty_box')`
		),
		check(
			'return_units_disposition_known',
			sql`${t.disposition} IS NULL OR ${t.disposition} IN ('restock', 'restock_open_box', 'quarantine', 'return_to_vendor', 'repair', 'donate', 'dispose', 'return_to_customer')`
		),
		check(
			'return_units_disposition_needs_grade',
			sql`${t.disposition} IS NULL OR ${t.grade} IS NOT NULL`
		)
	]
);

// Evidence: photos of a received unit, a claim's damage, a parcel. The bytes live in the
// blob store (R2 on Workers, a directory in the embedded default; one interface); this row
// is what Ordo knows about them.
export const returnEvidence = sqliteTable(
	'return_evidence',
	{
		id: text('id').primaryKey(),
		returnId: text('return_id')
			.notNull()
			.references(() => returns.id),
		unitId: text('unit_id').references(() => returnUnits.id),
		storageKey: text('storage_key').notNull().unique(),
		contentType: text('content_type').notNull(),
		bytes: integer('bytes').notNull(),
		createdById: text('created_by_id').references(() => users.id),
		createdAt: createdAt()
	},
	(t) => [
		index('return_evidence_return').on(t.returnId),
		check('return_evidence_bytes_positive', sql`${t.bytes} > 0`),
		check(
			'return_evidence_image',
			sql`${t.contentType} IN ('image/jpeg', 'image/png', 'image/webp')`
		)
	]
);

// A manager overriding the policy's decision (out of window, final sale, missing item,
// condition, an abuse flag), always with a reason; audited and reported by staff member.
export const OVERRIDE_RULES = [
	'window',
	'final_sale',
	'condition',
	'missing_item',
	'abuse_flag',
	'fee',
	'goodwill'
] as const;
export const returnOverrides = sqliteTable(
	'return_overrides',
	{
		id: text('id').primaryKey(),
		returnId: text('return_id')
			.notNull()
			.references(() => returns.id),
		line: integer('line'),
		rule: text('rule', { enum: OVERRIDE_RULES }).notNull(),
		reason: text('reason').notNull(),
		// What the policy said, and what the manager decided instead.
		before: text('before', { mode: 'json' }).$type<Record<string, unknown>>(),
		after: text('after', { mode: 'json' }).$type<Record<string, unknown>>(),
		managerId: text('manager_id')
			.notNull()
			.references(() => users.id),
		createdAt: createdAt()
	},
	(t) => [
		index('return_overrides_return').on(t.returnId),
		index('return_overrides_manager_created').on(t.managerId, t.createdAt),
		// Returns reports: overrides in a period, by staff member.
		index('return_overrides_created').on(t.createdAt, t.managerId),
		check('return_overrides_reason_given', sql`length(trim(${t.reason})) > 0`)
	]
);

// Store credit: a per-customer ledger, appended, never edited. A balance is the sum of a
// customer's entries in a currency; a trigger keeps it from going below zero. A reversal
// is a new entry pointing at the one it undoes (once: reverses_id is unique).
export const STORE_CREDIT_KINDS = [
	'return',
	'claim',
	'goodwill',
	'keep_item',
	'spend',
	'reversal',
	// Credit spent on an order, given back when the order is cancelled or refunded.
	'refund'
] as const;
export const storeCreditEntries = sqliteTable(
	'store_credit_entries',
	{
		id: text('id').primaryKey(),
		customerId: text('customer_id')
			.notNull()
			.references(() => customers.id),
		currency: currency(),
		amountMinor: integer('amount_minor').notNull(),
		kind: text('kind', { enum: STORE_CREDIT_KINDS }).notNull(),
		returnId: text('return_id').references(() => returns.id),
		orderId: text('order_id').references(() => orders.id),
		reversesId: text('reverses_id').unique(),
		note: text('note'),
		// Idempotent issue: the same cause never credits twice.
		idempotencyKey: text('idempotency_key').notNull().unique(),
		createdById: text('created_by_id').references(() => users.id),
		createdAt: createdAt()
	},
	(t) => [
		index('store_credit_customer').on(t.customerId, t.currency, t.createdAt),
		// Returns reports: credits by kind in a period.
		index('store_credit_created').on(t.createdAt, t.kind),
		check('store_credit_amount_nonzero', sql`${t.amountMinor} <> 0`),
		check(
			'store_credit_kind_known',
			sql`${t.kind} IN ('return', 'claim', 'goodwill', 'keep_item', 'spend', 'reversal', 'refund')`
		)
	]
);

// Messages to customers (return authorised with its label, received, refunded), kept in an
// outbox. Sending is pluggable; the embedded default sends nothing and the UI shows them.
export const customerNotifications = sqliteTable(
	'customer_notifications',
	{
		id: text('id').primaryKey(),
		customerId: text('customer_id').references(() => customers.id),
		returnId: text('return_id').references(() => returns.id),
		orderId: text('order_id').references(() => orders.id),
		// e.g. return.authorised, return.received, refund.sent, exchange.shipped
		template: text('template').notNull(),
		channel: text('channel', { enum: ['email', 'sms'] })
			.notNull()
			.default('email'),
		subject: text('subject').notNull(),
		body: text('body').notNull(),
		status: text('status', { enum: ['pending', 'sent', 'failed', 'held'] })
			.notNull()
			.default('pending'),
		attempts: integer('attempts').notNull().default(0),
		sentAt: integer('sent_at'),
		createdAt: createdAt(),
		// Delivery (worker/features/returns/notify): which sender took it ('ui': shown in
		// Ordo only, nothing left; 'webhook': the shop's email/SMS gateway), when a pending
		// one is next due (a lease while being sent, a backoff after a failure; NULL: now),
		// and why the last try failed, in Ordo's own words (never the receiver's reply).
		sentVia: text('sent_via'),
		nextAttemptAt: integer('next_attempt_at'),
		lastError: text('last_error')
	},
	(t) => [
		index('customer_notifications_status').on(t.status, t.createdAt),
		index('customer_notifications_due').on(t.status, t.nextAttemptAt),
		index('customer_notifications_return').on(t.returnId),
		index('customer_notifications_customer').on(t.customerId, t.createdAt),
		check(
			'customer_notifications_status_known',
			sql`${t.status} IN ('pending', 'sent', 'failed', 'held')`
		),
		check('customer_notifications_channel_known', sql`${t.channel} IN ('email', 'sms')`)
	]
);
