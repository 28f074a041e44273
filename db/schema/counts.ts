import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt } from './common';
import { users } from './auth';
import { locations, products } from './inventory';

export const COUNT_TASK_STATUSES = ['open', 'submitted', 'closed'] as const;
export const COUNT_LINE_STATUSES = ['applied', 'awaiting_approval', 'recount', 'rejected'] as const;

/**
 * A stock count someone is asked to do: a location, optionally only the bins starting
 * with `bin_prefix` (a zone "A-" or one bin "A-03-2"). Blind tasks never show the
 * counter the system quantity (the API leaves it out, not the screen).
 */
export const countTasks = sqliteTable(
	'count_tasks',
	{
		id: text('id').primaryKey(),
		locationId: text('location_id')
			.notNull()
			.references(() => locations.id),
		binPrefix: text('bin_prefix'),
		assigneeId: text('assignee_id').references(() => users.id),
		blind: integer('blind', { mode: 'boolean' }).notNull().default(false),
		status: text('status', { enum: COUNT_TASK_STATUSES }).notNull().default('open'),
		note: text('note'),
		createdById: text('created_by_id').references(() => users.id),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		// "My open tasks" on the phone; a location's tasks by status on the manager's page.
		index('count_tasks_assignee_status').on(t.assigneeId, t.status, t.createdAt),
		index('count_tasks_location_status').on(t.locationId, t.status, t.createdAt),
		index('count_tasks_status').on(t.status, t.createdAt),
		check('count_tasks_status_known', sql`${t.status} IN ('open', 'submitted', 'closed')`)
	]
);

/**
 * One counted product in a task. `expected` is what the system held AT `counted_at`
 * (on hand minus the movements recorded after it), so a sale that reached the server
 * between counting and syncing is not overwritten. A line over the approval thresholds
 * waits (`awaiting_approval`) and moves no stock; `movement_id` is set once applied.
 */
export const countLines = sqliteTable(
	'count_lines',
	{
		id: text('id').primaryKey(),
		taskId: text('task_id')
			.notNull()
			.references(() => countTasks.id),
		productId: text('product_id')
			.notNull()
			.references(() => products.id),
		locationId: text('location_id')
			.notNull()
			.references(() => locations.id),
		bin: text('bin'),
		counted: integer('counted').notNull(),
		/** The device's time corrected by its clock offset (epoch ms). */
		countedAt: integer('counted_at').notNull(),
		/** The device's own time as sent, kept for the record. */
		deviceTime: integer('device_time').notNull(),
		expected: integer('expected').notNull(),
		varianceUnits: integer('variance_units').notNull(),
		/** |variance| × unit value (products.price_minor until average cost exists). */
		varianceValueMinor: integer('variance_value_minor').notNull(),
		currency: text('currency').notNull().default('GBP'),
		deviceId: text('device_id').notNull(),
		countedById: text('counted_by_id').references(() => users.id),
		status: text('status', { enum: COUNT_LINE_STATUSES }).notNull(),
		/** Another device counted the same product × location in this task. */
		twoDevices: integer('two_devices', { mode: 'boolean' }).notNull().default(false),
		movementId: text('movement_id'),
		decidedById: text('decided_by_id').references(() => users.id),
		decidedAt: integer('decided_at'),
		/** The Idempotency-Key's hash scope: one line per key, however often it is resent. */
		idempotencyKey: text('idempotency_key'),
		version: integer('version').notNull().default(1),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		// A task's lines and the two-device check (same task, product, location).
		index('count_lines_task_product').on(t.taskId, t.productId, t.locationId),
		// The approvals queue, oldest first, per location or all.
		index('count_lines_awaiting')
			.on(t.locationId, t.countedAt)
			.where(sql`${t.status} = 'awaiting_approval'`),
		index('count_lines_awaiting_all')
			.on(t.countedAt)
			.where(sql`${t.status} = 'awaiting_approval'`),
		uniqueIndex('count_lines_idempotency').on(t.idempotencyKey),
		check(
			'count_lines_status_known',
			sql`${t.status} IN ('applied', 'awaiting_approval', 'recount', 'rejected')`
		),
		check('count_lines_counted_nonnegative', sql`${t.counted} >= 0`),
		check('count_lines_version_positive', sql`${t.version} >= 1`)
	]
);
