import { sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Ctx } from '../../core/context';
import { Conflict, Invalid, type FieldErrors } from '../../core/errors';
import { auditEntry, type AuditDetails } from '../audit/record';
import { timelineEvent } from '../orders/timeline';
import { isoTime } from '../users/internal';

const bool = (column: SQL) => sql`json(CASE WHEN ${column} THEN 'true' ELSE 'false' END)`;

/**
 * The whole profile as one JSON value from SQL (one round trip): the customer, every email,
 * phone, address, consent, external id and tag, and an orders summary (orders_customer_placed).
 * A tombstone carries `mergedInto` = the survivor at the end of the merge chain.
 */
export function profileOf(id: string): SQL {
	return sql`WITH RECURSIVE chain (id, next, depth) AS (
			SELECT id, merged_into, 0 FROM customers WHERE id = ${id}
			UNION ALL SELECT x.id, x.merged_into, chain.depth + 1 FROM customers x
				JOIN chain ON x.id = chain.next WHERE chain.depth < 50)
		SELECT json_object(
			'id', c.id, 'number', c.number, 'name', c.name, 'givenName', c.given_name,
			'familyName', c.family_name, 'preferredName', c.preferred_name,
			'dateOfBirth', c.date_of_birth, 'notes', c.notes, 'country', c.country,
			'email', c.email, 'phone', c.phone, 'version', c.version,
			'mergedInto', (SELECT id FROM chain WHERE next IS NULL AND depth > 0),
			'erasedAt', ${isoTime(sql`c.erased_at`)}, 'createdAt', ${isoTime(sql`c.created_at`)},
			'updatedAt', ${isoTime(sql`c.updated_at`)},
			'emails', (SELECT json_group_array(json_object('id', e.id, 'email', e.email,
				'original', e.original, 'primary', ${bool(sql`e.is_primary`)}))
				FROM (SELECT * FROM customer_emails WHERE customer_id = c.id
					ORDER BY is_primary DESC, created_at, id) e),
			'phones', (SELECT json_group_array(json_object('id', p.id, 'e164', p.e164,
				'original', p.original, 'kind', p.kind, 'primary', ${bool(sql`p.is_primary`)}))
				FROM (SELECT * FROM customer_phones WHERE customer_id = c.id
					ORDER BY is_primary DESC, created_at, id) p),
			'addresses', (SELECT json_group_array(json_object('id', a.id, 'kind', a.kind,
				'line1', a.line1, 'line2', a.line2, 'city', a.city, 'region', a.region,
				'postalCode', a.postal_code, 'country', a.country))
				FROM (SELECT * FROM customer_addresses WHERE customer_id = c.id
					ORDER BY kind, created_at, id) a),
			'consents', (SELECT json_group_array(json_object('channel', k.channel,
				'granted', ${bool(sql`k.granted`)}, 'at', ${isoTime(sql`k.at`)}, 'source', k.source))
				FROM (SELECT * FROM customer_consents WHERE customer_id = c.id ORDER BY channel) k),
			'externalIds', (SELECT json_group_array(json_object('system', x.system, 'value', x.value))
				FROM (SELECT * FROM customer_external_ids WHERE customer_id = c.id
					ORDER BY system, value) x),
			'tags', (SELECT json_group_array(t.tag)
				FROM (SELECT tag FROM customer_tags WHERE customer_id = c.id ORDER BY tag COLLATE NOCASE) t),
			'orders', json_object(
				'count', (SELECT count(*) FROM orders WHERE customer_id = c.id),
				'lastPlacedAt', ${isoTime(sql`(SELECT max(placed_at) FROM orders WHERE customer_id = c.id)`)},
				'recent', (SELECT json_group_array(json_object('id', o.id, 'number', o.number,
					'status', o.status, 'currency', o.currency, 'totalMinor', o.total_minor,
					'placedAt', ${isoTime(sql`o.placed_at`)}))
					FROM (SELECT * FROM orders WHERE customer_id = c.id
						ORDER BY placed_at DESC, id DESC LIMIT 10) o)))
		FROM customers c WHERE c.id = ${id}`;
}

/** 404 unless the customer exists: first in a batch that writes to one. */
export const customerExists = (ctx: Ctx, id: string): BatchItem<'sqlite'> =>
	ctx.db.run(
		sql`INSERT INTO target_checks (target, found)
			SELECT 'customer', EXISTS (SELECT 1 FROM customers WHERE id = ${id})`
	);

/**
 * The customer exists (else 404) and is neither erased nor merged (else 409
 * customer-not-editable, migration 0020): first in the batch of every profile write.
 */
export const customerWritable = (
	ctx: Ctx,
	id: string
): [BatchItem<'sqlite'>, BatchItem<'sqlite'>] => [
	customerExists(ctx, id),
	ctx.db.run(
		sql`INSERT INTO preconditions (subject, held)
			SELECT 'customer_live', NOT EXISTS (SELECT 1 FROM customers WHERE id = ${id}
				AND (erased_at IS NOT NULL OR merged_into IS NOT NULL))`
	)
];

/** Every write to a customer bumps its version (decide-then-write, docs/architecture.md). */
export const bumpVersion = (ctx: Ctx, id: string): BatchItem<'sqlite'> =>
	ctx.db.run(
		sql`UPDATE customers SET version = version + 1, updated_at = ${ctx.now} WHERE id = ${id}`
	);

/**
 * The history a person reads (timeline) and the security record (audit), both in the batch,
 * after the writes: the event carries the customer's new version and the fields touched, which
 * is how a 409 tells the next editor what changed since they loaded the profile.
 */
export function customerRecords(
	ctx: Ctx,
	{
		id,
		verb,
		summary,
		fields,
		details = {}
	}: { id: string; verb: string; summary: string; fields: string[]; details?: AuditDetails }
): BatchItem<'sqlite'>[] {
	return [
		timelineEvent(ctx, {
			entityKind: 'customer',
			entityId: id,
			orderId: null,
			customerId: id,
			kind: `customer.${verb}`,
			summary,
			data: sql`json_object('version', (SELECT version FROM customers WHERE id = ${id}),
				'fields', json(${JSON.stringify(fields)}))`
		}),
		auditEntry(ctx, {
			action: `customer.${verb}`,
			target: { type: 'customer', id },
			details: { fields: fields.join(','), ...details }
		})
	];
}

/** Collects per-field refusals from normalise.ts so one 422 names every field at once. */
export class FieldCheck {
	readonly errors: FieldErrors = {};
	take<T>(field: string, result: { ok: true; value: T } | { ok: false; error: string }): T {
		if (result.ok) return result.value;
		(this.errors[field] ??= []).push(result.error);
		return undefined as T;
	}
	fail(field: string, message: string): void {
		(this.errors[field] ??= []).push(message);
	}
	done(): void {
		if (Object.keys(this.errors).length > 0)
			throw new Invalid(
				'invalid-input',
				'Some fields need attention',
				'Correct the fields listed in `errors` and send the request again.',
				this.errors
			);
	}
}

export const DEFAULT_PHONE_REGION = 'GB';

/** The shop's region for phones typed without +country: setting `customers.phone_region`. */
export async function phoneRegion(ctx: Ctx): Promise<string> {
	const rows = await ctx.db.all<{ region: string | null }>(
		sql`SELECT json_extract(value, '$') AS region FROM settings WHERE key = 'customers.phone_region'`
	);
	const region = rows[0]?.region;
	return typeof region === 'string' && /^[A-Z]{2}$/.test(region) ? region : DEFAULT_PHONE_REGION;
}

/** Only numbers typed without + need the region: most writes skip the read. */
export async function regionFor(ctx: Ctx, phones: readonly string[]): Promise<string> {
	return phones.some((p) => !p.trim().startsWith('+')) ? phoneRegion(ctx) : DEFAULT_PHONE_REGION;
}

/** A 409 that says which fields moved since `version`, and who moved them. */
export async function changedSince(ctx: Ctx, id: string, version: number): Promise<Conflict> {
	const rows = await ctx.db.all<{ who: string; fields: string | null }>(
		sql`SELECT actor_label AS who, json_extract(data, '$.fields') AS fields FROM timeline_events
			WHERE customer_id = ${id} AND entity_kind = 'customer'
				AND json_extract(data, '$.version') > ${version}
			ORDER BY at LIMIT 50`
	);
	const fields = [...new Set(rows.flatMap((r) => JSON.parse(r.fields ?? '[]') as string[]))];
	const who = [...new Set(rows.map((r) => r.who))].join(', ') || 'someone else';
	const errors = Object.fromEntries(
		fields.map((f) => [f, [`Changed by ${who} since you loaded it`]])
	);
	return new Conflict(
		'customer-changed',
		'This customer changed since you loaded it',
		fields.length
			? `${who} changed ${fields.join(', ')} since you loaded it. Reload the profile, check those fields, then save again.`
			: 'Someone else changed this customer a moment ago. Reload the profile, then try again.',
		errors
	);
}
