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
import { createdAt } from './common';
import { users } from './auth';
import { locations, products } from './inventory';

// Stock moving between two locations (issue 8). A draft moves nothing; sending takes the
// units out of the source (ledger 'transfer_out'); each receipt puts units into the
// destination ('transfer_in'). Sent − received on an open transfer is in transit: on no
// shelf, so available nowhere. worker/features/transfers/lifecycle.ts holds the transitions.
export const TRANSFER_STATUSES = [
	'draft',
	'sent',
	'partially_received',
	'received',
	'cancelled'
] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

export const transfers = sqliteTable(
	'transfers',
	{
		id: text('id').primaryKey(),
		// People-sayable: 'TR-' || counters('transfer_number'), taken in the creating batch.
		number: text('number').notNull(),
		fromLocationId: text('from_location_id')
			.notNull()
			.references(() => locations.id),
		toLocationId: text('to_location_id')
			.notNull()
			.references(() => locations.id),
		status: text('status', { enum: TRANSFER_STATUSES }).notNull().default('draft'),
		note: text('note'),
		// Bumped by every write: send and cancel are decided from a snapshot (expectVersion).
		version: integer('version').notNull().default(1),
		createdBy: text('created_by').references(() => users.id),
		createdAt: createdAt(),
		sentBy: text('sent_by').references(() => users.id),
		sentAt: integer('sent_at'),
		// The last receipt's person and time; the transfer is 'received' once every unit is in.
		receivedBy: text('received_by').references(() => users.id),
		receivedAt: integer('received_at'),
		cancelledBy: text('cancelled_by').references(() => users.id),
		cancelledAt: integer('cancelled_at')
	},
	(t) => [
		uniqueIndex('transfers_number').on(t.number),
		// The list: newest first, all or one status (keyset on created_at, id).
		index('transfers_created').on(t.createdAt, t.id),
		index('transfers_status_created').on(t.status, t.createdAt, t.id),
		check('transfers_two_locations', sql`${t.fromLocationId} <> ${t.toLocationId}`),
		check(
			'transfers_status_known',
			sql`${t.status} IN ('draft', 'sent', 'partially_received', 'received', 'cancelled')`
		),
		check('transfers_version_positive', sql`${t.version} >= 1`)
	]
);

// One line per product: a scan of a product already on the transfer adds to its line.
export const transferLines = sqliteTable(
	'transfer_lines',
	{
		transferId: text('transfer_id')
			.notNull()
			.references(() => transfers.id),
		productId: text('product_id')
			.notNull()
			.references(() => products.id),
		// What leaves the source (planned while the transfer is a draft).
		quantitySent: integer('quantity_sent').notNull(),
		quantityReceived: integer('quantity_received').notNull().default(0)
	},
	(t) => [
		primaryKey({ columns: [t.transferId, t.productId] }),
		// In transit per product (the product page): its lines, then their transfers by id.
		index('transfer_lines_product').on(t.productId, t.transferId),
		check('transfer_lines_quantity_positive', sql`${t.quantitySent} > 0`),
		// Never more in than went out: the over-receipt guard whatever the client sends.
		check(
			'transfer_lines_received_within_sent',
			sql`${t.quantityReceived} >= 0 AND ${t.quantityReceived} <= ${t.quantitySent}`
		)
	]
);
