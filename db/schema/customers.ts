import { sql } from 'drizzle-orm';
import {
	check,
	index,
	integer,
	primaryKey,
	sqliteTable,
	text,
	uniqueIndex,
	type AnySQLiteColumn
} from 'drizzle-orm/sqlite-core';
import { createdAt, updatedAt } from './common';

// Customers schema (issue 9, docs/architecture.md "Customers schema"). Values are stored
// normalised (worker/features/customers/normalise.ts) with the original kept for display.
// The one-box search index `customer_search` (FTS5, migration 0015) is kept in step by
// triggers on customers and the email/phone/address tables, so every writer (profiles,
// merge, import, erasure) keeps it right without calling anything.

export const customers = sqliteTable(
	'customers',
	{
		id: text('id').primaryKey(),
		// The shop's own number (the CustomerID of imported data), shown to reps.
		number: text('number').notNull().unique(),
		/** The display name (full name), always maintained: orders and search read it. */
		name: text('name').notNull(),
		/** The primary email (normalised), kept by triggers from customer_emails. */
		email: text('email'),
		/** The primary phone (E.164), kept by triggers from customer_phones. */
		phone: text('phone'),
		country: text('country'),
		mergedInto: text('merged_into').references((): AnySQLiteColumn => customers.id),
		givenName: text('given_name'),
		familyName: text('family_name'),
		/** How the person wants to be addressed ("Dr Okafor", "Sam"). */
		preferredName: text('preferred_name'),
		/** YYYY-MM-DD. */
		dateOfBirth: text('date_of_birth'),
		notes: text('notes'),
		/** +1 on every write; decide-then-write verbs start with expectVersion('customer'). */
		version: integer('version').notNull().default(1),
		/** Set when the person's data was erased on request (fields anonymised, orders kept). */
		erasedAt: integer('erased_at'),
		/** The stable integer key of the customer's row in `customer_search` (set by a trigger). */
		seq: integer('seq'),
		createdAt: createdAt(),
		updatedAt: updatedAt()
	},
	(t) => [
		index('customers_email').on(t.email),
		index('customers_phone').on(t.phone),
		uniqueIndex('customers_seq').on(t.seq),
		index('customers_merged_into').on(t.mergedInto),
		// Order search by the start of a name: LIKE 'ann%' is case-insensitive, so only a
		// NOCASE index serves it (SQLite's LIKE optimisation).
		index('customers_name_nocase').on(sql`${t.name} COLLATE NOCASE`),
		check('customers_email_lower', sql`${t.email} IS NULL OR ${t.email} = lower(${t.email})`)
	]
);

const customerId = () =>
	text('customer_id')
		.notNull()
		.references(() => customers.id, { onDelete: 'cascade' });
const primaryFlag = () => integer('is_primary', { mode: 'boolean' }).notNull().default(false);

export const customerEmails = sqliteTable(
	'customer_emails',
	{
		id: text('id').primaryKey(),
		customerId: customerId(),
		/** Trimmed, NFC, case-folded: what lookups compare. */
		email: text('email').notNull(),
		/** As typed (trimmed), for display. */
		original: text('original').notNull(),
		isPrimary: primaryFlag(),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('customer_emails_customer_email').on(t.customerId, t.email),
		uniqueIndex('customer_emails_one_primary')
			.on(t.customerId)
			.where(sql`is_primary = 1`),
		index('customer_emails_email').on(t.email),
		check('customer_emails_lower', sql`${t.email} = lower(${t.email})`)
	]
);

export const PHONE_KINDS = ['mobile', 'home', 'work', 'other'] as const;
export type PhoneKind = (typeof PHONE_KINDS)[number];

export const customerPhones = sqliteTable(
	'customer_phones',
	{
		id: text('id').primaryKey(),
		customerId: customerId(),
		/** E.164, "+442079460018". */
		e164: text('e164').notNull(),
		/** The national significant number's digits ("2079460018"): search by a national form. */
		national: text('national'),
		original: text('original').notNull(),
		kind: text('kind', { enum: PHONE_KINDS }).notNull().default('mobile'),
		isPrimary: primaryFlag(),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('customer_phones_customer_e164').on(t.customerId, t.e164),
		uniqueIndex('customer_phones_one_primary')
			.on(t.customerId)
			.where(sql`is_primary = 1`),
		index('customer_phones_e164').on(t.e164),
		check('customer_phones_e164_shape', sql`${t.e164} GLOB '+[1-9]*'`),
		check('customer_phones_kind', sql`${t.kind} IN ('mobile', 'home', 'work', 'other')`)
	]
);

export const ADDRESS_KINDS = ['billing', 'shipping'] as const;
export type AddressKind = (typeof ADDRESS_KINDS)[number];

export const customerAddresses = sqliteTable(
	'customer_addresses',
	{
		id: text('id').primaryKey(),
		customerId: customerId(),
		kind: text('kind', { enum: ADDRESS_KINDS }).notNull(),
		line1: text('line1').notNull(),
		line2: text('line2'),
		city: text('city'),
		region: text('region'),
		/** Formatted for the country where known ("SW1A 1AA", "1012 AB"), else trimmed upper-case. */
		postalCode: text('postal_code'),
		postalCodeOriginal: text('postal_code_original'),
		/** Lower-case, letters and digits only ("sw1a1aa"): what search and duplicates compare. */
		postalKey: text('postal_key'),
		/** ISO 3166-1 alpha-2. */
		country: text('country').notNull(),
		createdAt: createdAt()
	},
	(t) => [
		index('customer_addresses_customer').on(t.customerId),
		index('customer_addresses_postal_key').on(t.postalKey),
		check('customer_addresses_kind', sql`${t.kind} IN ('billing', 'shipping')`),
		check('customer_addresses_country', sql`${t.country} GLOB '[A-Z][A-Z]'`)
	]
);

export const CONSENT_CHANNELS = ['email', 'sms', 'phone', 'post'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

/** The current marketing consent per channel; its history is in timeline events and the audit log. */
export const customerConsents = sqliteTable(
	'customer_consents',
	{
		customerId: customerId(),
		channel: text('channel', { enum: CONSENT_CHANNELS }).notNull(),
		granted: integer('granted', { mode: 'boolean' }).notNull(),
		/** When the person gave or withdrew it (epoch ms). */
		at: integer('at').notNull(),
		/** How: "checkout checkbox", "phone call", "paper form", "import". */
		source: text('source').notNull(),
		recordedBy: text('recorded_by')
	},
	(t) => [
		primaryKey({ columns: [t.customerId, t.channel] }),
		check('customer_consents_channel', sql`${t.channel} IN ('email', 'sms', 'phone', 'post')`)
	]
);

/** Ids the person has in other systems; unique per system so an old id resolves (through tombstones). */
export const customerExternalIds = sqliteTable(
	'customer_external_ids',
	{
		customerId: customerId(),
		system: text('system').notNull(),
		value: text('value').notNull(),
		createdAt: createdAt()
	},
	(t) => [
		primaryKey({ columns: [t.system, t.value] }),
		index('customer_external_ids_customer').on(t.customerId),
		index('customer_external_ids_value').on(t.value)
	]
);

export const customerTags = sqliteTable(
	'customer_tags',
	{
		customerId: customerId(),
		tag: text('tag').notNull(),
		createdAt: createdAt()
	},
	(t) => [primaryKey({ columns: [t.customerId, t.tag] }), index('customer_tags_tag').on(t.tag)]
);
