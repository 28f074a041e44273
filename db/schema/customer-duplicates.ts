import { sql } from 'drizzle-orm';
import {
	check,
	index,
	integer,
	primaryKey,
	real,
	sqliteTable,
	text
} from 'drizzle-orm/sqlite-core';
import { users } from './auth';
import { customers } from './customers';

// The duplicate finder and merges (issue 9, docs/architecture.md "Duplicates and merges").

export const DUPLICATE_STATUSES = ['open', 'dismissed', 'merged'] as const;
export type DuplicateStatus = (typeof DUPLICATE_STATUSES)[number];

/**
 * A likely duplicate pair, one row per pair (customer_a < customer_b). `dismissed` is a
 * person's "not a duplicate": it is kept, and the finder never proposes the pair again.
 */
export const customerDuplicates = sqliteTable(
	'customer_duplicates',
	{
		customerA: text('customer_a')
			.notNull()
			.references(() => customers.id),
		customerB: text('customer_b')
			.notNull()
			.references(() => customers.id),
		score: real('score').notNull(),
		/** JSON array of the reasons in words. */
		reasons: text('reasons', { mode: 'json' }).$type<string[]>().notNull(),
		status: text('status', { enum: DUPLICATE_STATUSES }).notNull().default('open'),
		foundAt: integer('found_at').notNull(),
		decidedBy: text('decided_by').references(() => users.id),
		decidedAt: integer('decided_at')
	},
	(t) => [
		primaryKey({ columns: [t.customerA, t.customerB] }),
		// The review queue: open pairs, best first.
		index('customer_duplicates_status_score').on(t.status, t.score),
		index('customer_duplicates_b').on(t.customerB),
		check('customer_duplicates_ordered', sql`${t.customerA} < ${t.customerB}`),
		check('customer_duplicates_status', sql`${t.status} IN ('open', 'dismissed', 'merged')`),
		check('customer_duplicates_score', sql`${t.score} >= 0 AND ${t.score} <= 1`)
	]
);

/**
 * Customers whose matching fields changed since the finder last looked at them. Triggers
 * (migration 0016) fill it from every writer (profiles, import, merge); the finder drains it.
 */
export const customerDuplicateQueue = sqliteTable('customer_duplicate_queue', {
	customerId: text('customer_id').primaryKey(),
	queuedAt: integer('queued_at').notNull()
});

/**
 * One merge: who survived, who became tombstones, and exactly what moved, so undo can put
 * it back (`undone_at`) or say what has since come to depend on it.
 */
export const customerMerges = sqliteTable(
	'customer_merges',
	{
		id: text('id').primaryKey(),
		survivorId: text('survivor_id')
			.notNull()
			.references(() => customers.id),
		/** JSON: what undo needs (the survivor's fields and consents before, the rows moved). */
		record: text('record', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
		/** The survivor's version right after the merge: a later edit blocks undo. */
		survivorVersion: integer('survivor_version').notNull(),
		mergedBy: text('merged_by'),
		mergedAt: integer('merged_at').notNull(),
		undoneAt: integer('undone_at'),
		undoneBy: text('undone_by')
	},
	(t) => [index('customer_merges_survivor').on(t.survivorId, t.mergedAt)]
);
