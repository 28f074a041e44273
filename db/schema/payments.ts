import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, currency, updatedAt } from './common';
import { orders } from './orders';

// 'store_credit' (issue 11): the part of an order paid from the customer's store credit
// ledger, recorded like any capture so totals, links and refunds see it. Its refunds never
// reach a provider: the trigger refunds_to_store_credit (migration 0032) settles each one
// in its own batch as a new credit entry (kind 'refund').
export const PAYMENT_PROVIDERS = ['stripe', 'sandbox', 'store_credit'] as const;
export type PaymentProvider = (typeof PAYMENT_PROVIDERS)[number];

export const PAYMENT_RECORD_STATUSES = [
	'pending',
	'succeeded',
	'failed',
	'expired',
	'refunded',
	'partially_refunded'
] as const;
export type PaymentRecordStatus = (typeof PAYMENT_RECORD_STATUSES)[number];

// One hosted checkout for an order (PCI DSS SAQ A: no card data, only the provider's
// references, the amounts, brand and last 4).
export const payments = sqliteTable(
	'payments',
	{
		id: text('id').primaryKey(),
		orderId: text('order_id')
			.notNull()
			.references(() => orders.id),
		provider: text('provider', { enum: PAYMENT_PROVIDERS }).notNull(),
		// The checkout session id (cs_…).
		providerRef: text('provider_ref').notNull(),
		paymentIntentRef: text('payment_intent_ref'),
		amountMinor: integer('amount_minor').notNull(),
		currency: currency(),
		status: text('status', { enum: PAYMENT_RECORD_STATUSES }).notNull().default('pending'),
		capturedMinor: integer('captured_minor').notNull().default(0),
		refundedMinor: integer('refunded_minor').notNull().default(0),
		cardBrand: text('card_brand'),
		cardLast4: text('card_last4'),
		checkoutUrl: text('checkout_url'),
		expiresAt: integer('expires_at'),
		failureReason: text('failure_reason'),
		version: integer('version').notNull().default(1),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		uniqueIndex('payments_provider_ref').on(t.provider, t.providerRef),
		index('payments_order').on(t.orderId),
		index('payments_intent').on(t.paymentIntentRef),
		check('payments_provider_known', sql`${t.provider} IN ('stripe', 'sandbox', 'store_credit')`),
		check(
			'payments_status_known',
			sql`${t.status} IN ('pending', 'succeeded', 'failed', 'expired', 'refunded', 'partially_refunded')`
		),
		check('payments_amount_positive', sql`${t.amountMinor} > 0`),
		check(
			'payments_captured_within_amount',
			sql`${t.capturedMinor} >= 0 AND ${t.capturedMinor} <= ${t.amountMinor}`
		),
		check(
			'payments_refunded_within_captured',
			sql`${t.refundedMinor} >= 0 AND ${t.refundedMinor} <= ${t.capturedMinor}`
		),
		check(
			'payments_card_last4_digits',
			sql`${t.cardLast4} IS NULL OR (length(${t.cardLast4}) = 4 AND ${t.cardLast4} NOT GLOB '*[^0-9]*')`
		)
	]
);

export const REFUND_STATUSES = ['pending', 'succeeded', 'failed', 'manual'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];
export const REFUND_KINDS = [
	'cancellation',
	'return',
	'claim',
	'goodwill',
	'exchange_difference'
] as const;
export type RefundKind = (typeof REFUND_KINDS)[number];

// A refund asked of the provider (or done by hand: 'manual'). A trigger (migration 0013,
// refunds_within_captured) refuses any refund that would take the refunds not failed
// above what was captured: RAISE(ABORT, 'refund_exceeds_captured').
export const refunds = sqliteTable(
	'refunds',
	{
		id: text('id').primaryKey(),
		paymentId: text('payment_id')
			.notNull()
			.references(() => payments.id),
		orderId: text('order_id')
			.notNull()
			.references(() => orders.id),
		amountMinor: integer('amount_minor').notNull(),
		reason: text('reason').notNull(),
		// Why the money goes back: a cancellation, a return or claim (return_id set), a
		// goodwill amount not tied to a line, or an exchange's price difference.
		kind: text('kind', { enum: REFUND_KINDS }).notNull().default('cancellation'),
		returnId: text('return_id'),
		// Goodwill above the threshold needs a manager: who approved it.
		approvedById: text('approved_by_id'),
		status: text('status', { enum: REFUND_STATUSES }).notNull().default('pending'),
		providerRef: text('provider_ref'),
		failureReason: text('failure_reason'),
		// Sent to the provider as its Idempotency-Key: a retried refund is the same refund.
		idempotencyKey: text('idempotency_key').notNull().unique(),
		requestedByKind: text('requested_by_kind'),
		requestedById: text('requested_by_id'),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		index('refunds_payment').on(t.paymentId),
		index('refunds_order').on(t.orderId),
		index('refunds_return')
			.on(t.returnId)
			.where(sql`${t.returnId} IS NOT NULL`),
		index('refunds_provider_ref').on(t.providerRef),
		// Returns reports (issue 11): refunds by kind in a period.
		index('refunds_created').on(t.createdAt, t.kind),
		check('refunds_amount_positive', sql`${t.amountMinor} > 0`),
		check('refunds_status_known', sql`${t.status} IN ('pending', 'succeeded', 'failed', 'manual')`)
	]
);

// Verified provider events, each stored once: UNIQUE (provider, event_id) makes a
// redelivery a no-op (INSERT … ON CONFLICT DO NOTHING). applied_at is NULL until the
// event has changed the payment (in the same batch, or later from the inbox).
export const webhookInbox = sqliteTable(
	'webhook_inbox',
	{
		id: text('id').primaryKey(),
		provider: text('provider').notNull(),
		eventId: text('event_id').notNull(),
		type: text('type').notNull(),
		receivedAt: integer('received_at').notNull(),
		appliedAt: integer('applied_at'),
		attempts: integer('attempts').notNull().default(0),
		lastError: text('last_error'),
		payload: text('payload', { mode: 'json' }).$type<unknown>().notNull()
	},
	(t) => [
		uniqueIndex('webhook_inbox_event').on(t.provider, t.eventId),
		index('webhook_inbox_pending')
			.on(t.receivedAt)
			.where(sql`${t.appliedAt} IS NULL`)
	]
);
