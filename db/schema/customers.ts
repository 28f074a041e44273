import { sql } from 'drizzle-orm';
import { check, index, sqliteTable, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt } from './common';

export const customers = sqliteTable(
	'customers',
	{
		id: text('id').primaryKey(),
		// The shop's own number (the CustomerID of imported data), shown to reps.
		number: text('number').notNull().unique(),
		name: text('name').notNull(),
		email: text('email'),
		phone: text('phone'),
		country: text('country'),
		mergedInto: text('merged_into').references((): AnySQLiteColumn => customers.id),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		index('customers_email').on(t.email),
		index('customers_phone').on(t.phone),
		// Order search by the start of a name: LIKE 'ann%' is case-insensitive, so only a
		// NOCASE index serves it (SQLite's LIKE optimisation).
		index('customers_name_nocase').on(sql`${t.name} COLLATE NOCASE`),
		check('customers_email_lower', sql`${t.email} IS NULL OR ${t.email} = lower(${t.email})`)
	]
);
