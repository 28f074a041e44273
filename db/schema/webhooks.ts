import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt } from './common';
import { users } from './auth';
import { outboundEvents } from './events';

/**
 * Where the shop's other systems want events (issue 8, outbound webhooks). The signing
 * secret must be read back to sign, so it is sealed (AES-GCM under ORDO_DATA_KEY,
 * worker/lib/secret-box.ts, bound to the endpoint id), never stored readable, and shown
 * once at creation. `events` holds GLOB patterns (`stock.changed`, `order.*`).
 */
export const webhookEndpoints = sqliteTable(
	'webhook_endpoints',
	{
		id: text('id').primaryKey(),
		url: text('url').notNull(),
		description: text('description').notNull().default(''),
		secretSealed: text('secret_sealed').notNull(),
		events: text('events', { mode: 'json' }).$type<string[]>().notNull(),
		active: integer('active', { mode: 'boolean' }).notNull().default(true),
		/**
		 * The rowid of the last outbound event the fan-out has looked at for this endpoint.
		 * Rowids follow commit order (one writer at a time), so no event committed late is
		 * skipped, which a created_at cursor could not promise. Set to the newest event at
		 * creation: an endpoint gets what happens after it exists.
		 */
		fannedOutTo: integer('fanned_out_to').notNull().default(0),
		createdBy: text('created_by').references(() => users.id),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		index('webhook_endpoints_active').on(t.active),
		check('webhook_endpoints_events_array', sql`json_type(${t.events}) = 'array'`),
		check('webhook_endpoints_url_http', sql`${t.url} GLOB 'http*://*'`)
	]
);

export const DELIVERY_STATUSES = ['pending', 'failed', 'delivered', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One event to one endpoint: pending (not tried yet), failed (tried, retried at
 * next_attempt_at), delivered, dead (gave up after the limit; a person may replay it).
 * `last_error` is Ordo's own words ("HTTP 500", "timed out after 10 s"), never the
 * receiver's body, which could carry anything.
 */
export const webhookDeliveries = sqliteTable(
	'webhook_deliveries',
	{
		id: text('id').primaryKey(),
		eventId: text('event_id')
			.notNull()
			.references(() => outboundEvents.id),
		endpointId: text('endpoint_id')
			.notNull()
			.references(() => webhookEndpoints.id),
		status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('pending'),
		attempts: integer('attempts').notNull().default(0),
		nextAttemptAt: integer('next_attempt_at'),
		lastStatusCode: integer('last_status_code'),
		lastError: text('last_error'),
		lastAttemptAt: integer('last_attempt_at'),
		deliveredAt: integer('delivered_at'),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('webhook_deliveries_event_endpoint').on(t.eventId, t.endpointId),
		// The delivery log: one endpoint's deliveries, newest first.
		index('webhook_deliveries_endpoint_time').on(t.endpointId, t.createdAt, t.id),
		// The sender: what is due, oldest first; only rows still to send are in it.
		index('webhook_deliveries_due')
			.on(t.nextAttemptAt)
			.where(sql`status IN ('pending', 'failed')`),
		check(
			'webhook_deliveries_status_known',
			sql`${t.status} IN ('pending', 'failed', 'delivered', 'dead')`
		),
		check('webhook_deliveries_attempts_nonnegative', sql`${t.attempts} >= 0`)
	]
);
