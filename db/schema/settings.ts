import { sql } from 'drizzle-orm';
import { check, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { updatedAt } from './common';
import { users } from './auth';

/**
 * Shop-wide settings and policies as key → JSON value (e.g. `audit.retention_months`).
 * A missing key means "the default in code", so a new setting needs no migration.
 * Changing one is audited as `settings.change` in the same batch as the write.
 */
export const settings = sqliteTable(
	'settings',
	{
		key: text('key').primaryKey(),
		value: text('value', { mode: 'json' }).$type<unknown>().notNull(),
		updatedAt: updatedAt(),
		updatedBy: text('updated_by').references(() => users.id)
	},
	(t) => [
		check('settings_key_shape', sql`${t.key} GLOB '[a-z]*.[a-z]*'`),
		check('settings_value_json', sql`json_valid(${t.value})`)
	]
);
