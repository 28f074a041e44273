import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Ctx } from '../../core/context';
import { orderedIds } from '../../lib/ordered-id';
import { IMPORT_SYSTEM } from './import-match';
import type { ImportRow } from './import-rows';
import { displayName } from './normalise';

// The profiles' numbering (create-customer.ts): the `customer_number` counter holds the last
// number given; its first use starts at FIRST_NUMBER.
const FIRST_NUMBER = 100_000;
// Rows per statement: each statement's JSON stays a few MiB, well inside libSQL's limits.
const CHUNK = 10_000;

type Record_ = {
	id: string;
	name: string;
	givenName: string | null;
	familyName: string | null;
	dateOfBirth: string | null;
	country: string | null;
	email: string | null;
	emailOriginal: string | null;
	emailId: string;
	e164: string | null;
	national: string | null;
	phoneOriginal: string | null;
	phoneId: string;
	address: (NonNullable<ImportRow['address']> & { id: string }) | null;
	externalId: string | null;
	eventId: string;
	line: number;
};

/**
 * The statements that write a whole import, set-based: one INSERT … SELECT FROM json_each
 * per table and 10,000 rows, all in the caller's one batch (one transaction). Per-customer
 * statements (create-customer's builders) took 116 s for 20,000 rows, far from 100,000 in a
 * minute; these rows are the same shape, normalised by the same rules (normalise.ts).
 *
 * Order matters for speed, not for the result: foreign keys are deferred to the commit, the
 * emails, phones and addresses go in before their customers, so the search triggers
 * (migration 0015) build each customer's search row once, on the customer's insert, instead
 * of once per row. For the same reason the customer row carries its primary email and phone
 * (what those triggers would have copied into it) and its `seq` (max + 1 onwards, what
 * `customers_assign_seq` would give, without the second write of every row it costs).
 */
export function importStatements(ctx: Ctx, rows: readonly ImportRow[]): BatchItem<'sqlite'>[] {
	const ids = orderedIds(ctx.now, rows.length * 5);
	const records: Record_[] = rows.map((row, i) => ({
		id: ids[i]!,
		name: displayName(row) ?? row.email?.original ?? row.phone?.original ?? 'Imported customer',
		givenName: row.givenName ?? null,
		familyName: row.familyName ?? null,
		dateOfBirth: row.dateOfBirth ?? null,
		country: row.address?.country ?? null,
		email: row.email?.email ?? null,
		emailOriginal: row.email?.original ?? null,
		emailId: ids[rows.length + i]!,
		e164: row.phone?.e164 ?? null,
		national: row.phone?.national ?? null,
		phoneOriginal: row.phone?.original ?? null,
		phoneId: ids[2 * rows.length + i]!,
		address: row.address ? { ...row.address, id: ids[3 * rows.length + i]! } : null,
		externalId: row.externalId ?? null,
		eventId: ids[4 * rows.length + i]!,
		line: row.line
	}));
	const n = records.length;
	const chunks: { offset: number; json: string }[] = [];
	for (let offset = 0; offset < n; offset += CHUNK)
		chunks.push({ offset, json: JSON.stringify(records.slice(offset, offset + CHUNK)) });
	const run = (query: ReturnType<typeof sql>) => ctx.db.run(query);
	const now = ctx.now;
	return [
		run(sql`PRAGMA defer_foreign_keys = ON`),
		run(sql`INSERT INTO counters (name, value) VALUES ('customer_number', ${FIRST_NUMBER + n - 1})
			ON CONFLICT (name) DO UPDATE SET value = value + ${n}`),
		...chunks.flatMap(({ offset, json }) => [
			run(sql`INSERT INTO customer_emails (id, customer_id, email, original, is_primary, created_at)
				SELECT value->>'emailId', value->>'id', value->>'email', value->>'emailOriginal', 1, ${now}
				FROM json_each(${json}) WHERE value->>'email' IS NOT NULL`),
			run(sql`INSERT INTO customer_phones (id, customer_id, e164, national, original, kind, is_primary, created_at)
				SELECT value->>'phoneId', value->>'id', value->>'e164', value->>'national',
					value->>'phoneOriginal', 'mobile', 1, ${now}
				FROM json_each(${json}) WHERE value->>'e164' IS NOT NULL`),
			run(sql`INSERT INTO customer_addresses (id, customer_id, kind, line1, line2, city, region,
					postal_code, postal_code_original, postal_key, country, created_at)
				SELECT a->>'id', value->>'id', 'billing', a->>'line1', a->>'line2', a->>'city', a->>'region',
					a->>'$.postcode.postalCode', a->>'$.postcode.original', a->>'$.postcode.postalKey',
					a->>'country', ${now}
				FROM (SELECT value, value->'address' AS a FROM json_each(${json}))
				WHERE a IS NOT NULL AND a <> 'null'`),
			run(sql`INSERT INTO customer_external_ids (customer_id, system, value, created_at)
				SELECT value->>'id', ${IMPORT_SYSTEM}, value->>'externalId', ${now}
				FROM json_each(${json}) WHERE value->>'externalId' IS NOT NULL`),
			run(sql`INSERT INTO customers (id, number, name, given_name, family_name, date_of_birth,
					country, email, phone, seq, created_at, updated_at)
				SELECT value->>'id',
					CAST((SELECT value FROM counters WHERE name = 'customer_number') - ${n - 1 - offset} + key AS TEXT),
					value->>'name', value->>'givenName', value->>'familyName', value->>'dateOfBirth',
					value->>'country', value->>'email', value->>'e164',
					(SELECT coalesce(max(seq), 0) FROM customers) + key + 1, ${now}, ${now}
				FROM json_each(${json})`),
			// People-facing history: each profile says where it came from (timelineEvent's shape).
			run(sql`INSERT INTO timeline_events (id, at, actor_kind, actor_id, actor_label, entity_kind,
					entity_id, customer_id, order_id, kind, summary, data)
				SELECT value->>'eventId', ${now}, ${actorKind(ctx)}, ${actorId(ctx)}, ${actorLabel(ctx)},
					'customer', value->>'id', value->>'id', NULL, 'customer.imported',
					'Customer imported from a file (line ' || (value->>'line') || ')', '{}'
				FROM json_each(${json})`)
		])
	];
}

const actorKind = (ctx: Ctx) =>
	ctx.actor?.kind === 'user' ? 'user' : ctx.actor?.kind === 'api_key' ? 'api_key' : 'system';
const actorId = (ctx: Ctx) => ctx.actor?.id ?? null;
const actorLabel = (ctx: Ctx) =>
	ctx.actor?.kind === 'user' ? ctx.actor.name : ctx.actor?.kind === 'api_key' ? 'API key' : 'Ordo';
