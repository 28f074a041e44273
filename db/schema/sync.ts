import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt } from './common';

// Idempotency-Key records (DESIGN §3). The response is written by the same batch
// as the mutation it answers, so a replay returns exactly the first result.
export const idempotencyKeys = sqliteTable(
	'idempotency_keys',
	{
		scope: text('scope').notNull(),
		key: text('key').notNull(),
		requestHash: text('request_hash').notNull(),
		status: integer('status').notNull(),
		body: text('body').notNull(),
		createdAt: createdAt()
	},
	(t) => [primaryKey({ columns: [t.scope, t.key] }), index('idempotency_created').on(t.createdAt)]
);
