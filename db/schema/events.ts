import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Domain events for the shop's other systems (`stock.changed`, `stock.low`, `order.*`,
 * `return.*`, `refund.*`): the outbound webhooks' outbox. Each event is written by
 * `emitEvent()` (worker/features/webhooks/emit.ts) in the SAME batch as the change it
 * describes, so an event exists exactly when its change does. Delivery to endpoints
 * reads from here; deliveries keep their own state in their own table.
 */
export const outboundEvents = sqliteTable(
	'outbound_events',
	{
		id: text('id').primaryKey(),
		/** `stock.changed`, `stock.low`, `order.paid`… (family.verb). */
		type: text('type').notNull(),
		/** What it is about, for the delivery log: ('product', id), ('order', id)… */
		entityKind: text('entity_kind').notNull(),
		entityId: text('entity_id').notNull(),
		/** The JSON body receivers get under `data`. */
		data: text('data', { mode: 'json' }).$type<unknown>().notNull(),
		createdAt: integer('created_at').notNull()
	},
	(t) => [
		// Deliveries walk events in order; the log filters by entity.
		index('outbound_events_created').on(t.createdAt, t.id),
		index('outbound_events_entity').on(t.entityKind, t.entityId, t.createdAt),
		check('outbound_events_type_shape', sql`${t.type} GLOB '[a-z]*.[a-z]*'`),
		check('outbound_events_data_json', sql`json_valid(${t.data})`)
	]
);
