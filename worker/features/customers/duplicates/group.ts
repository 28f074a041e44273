import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../core/context';

export type GroupEmail = {
	id: string;
	email: string;
	original: string;
	isPrimary: boolean;
	createdAt: number;
};
export type GroupPhone = {
	id: string;
	e164: string;
	national: string | null;
	original: string;
	kind: string;
	isPrimary: boolean;
	createdAt: number;
};
export type GroupAddress = {
	id: string;
	kind: string;
	line1: string;
	line2: string | null;
	city: string | null;
	postalCode: string | null;
	country: string;
};
export type GroupConsent = {
	channel: string;
	granted: boolean;
	at: number;
	source: string;
	recordedBy: string | null;
};
export type GroupCustomer = {
	id: string;
	number: string;
	name: string;
	givenName: string | null;
	familyName: string | null;
	preferredName: string | null;
	dateOfBirth: string | null;
	notes: string | null;
	version: number;
	mergedInto: string | null;
	erasedAt: number | null;
	emails: GroupEmail[];
	phones: GroupPhone[];
	addresses: GroupAddress[];
	consents: GroupConsent[];
	externalIds: { system: string; value: string }[];
	tags: string[];
	orders: { id: string; number: string }[];
};

/**
 * Everything a merge decides on, for each customer of a group, as ONE batch: the profile
 * with its version, emails, phones, addresses, consents, external ids, tags and orders.
 * The compare screen shows the same snapshot, so what a person chose is what is merged.
 */
export async function readGroup(ctx: Ctx, ids: readonly string[]): Promise<GroupCustomer[]> {
	const list = JSON.stringify(ids);
	const of = (table: string, columns: string) =>
		ctx.db.all<Record<string, unknown>>(
			sql`SELECT customer_id AS customerId, ${sql.raw(columns)} FROM ${sql.raw(table)}
				WHERE customer_id IN (SELECT value FROM json_each(${list})) ORDER BY created_at, rowid`
		);
	const [customers, emails, phones, addresses, consents, externalIds, tags, orders] =
		await ctx.db.batch([
			ctx.db.all<
				Omit<
					GroupCustomer,
					'emails' | 'phones' | 'addresses' | 'consents' | 'externalIds' | 'tags' | 'orders'
				>
			>(
				sql`SELECT id, number, name, given_name AS givenName, family_name AS familyName,
				preferred_name AS preferredName, date_of_birth AS dateOfBirth, notes, version,
				merged_into AS mergedInto, erased_at AS erasedAt
				FROM customers WHERE id IN (SELECT value FROM json_each(${list}))`
			),
			of(
				'customer_emails',
				'id, email, original, is_primary AS isPrimary, created_at AS createdAt'
			),
			of(
				'customer_phones',
				'id, e164, national, original, kind, is_primary AS isPrimary, created_at AS createdAt'
			),
			of('customer_addresses', 'id, kind, line1, line2, city, postal_code AS postalCode, country'),
			ctx.db.all<Record<string, unknown>>(
				sql`SELECT customer_id AS customerId, channel, granted, at, source, recorded_by AS recordedBy
				FROM customer_consents WHERE customer_id IN (SELECT value FROM json_each(${list})) ORDER BY channel`
			),
			of('customer_external_ids', 'system, value'),
			of('customer_tags', 'tag'),
			ctx.db.all<Record<string, unknown>>(
				sql`SELECT customer_id AS customerId, id, number FROM orders
				WHERE customer_id IN (SELECT value FROM json_each(${list})) ORDER BY placed_at, id`
			)
		]);
	const byCustomer = <T>(
		rows: Record<string, unknown>[],
		id: string,
		map: (r: Record<string, unknown>) => T
	) => rows.filter((r) => r.customerId === id).map(map);
	const strip = ({ customerId: _, ...rest }: Record<string, unknown>) => rest;
	const order = new Map(ids.map((id, i) => [id, i]));
	return customers
		.sort((x, y) => order.get(x.id)! - order.get(y.id)!)
		.map((c) => ({
			...c,
			emails: byCustomer(
				emails,
				c.id,
				(r) => ({ ...strip(r), isPrimary: !!r.isPrimary }) as GroupEmail
			),
			phones: byCustomer(
				phones,
				c.id,
				(r) => ({ ...strip(r), isPrimary: !!r.isPrimary }) as GroupPhone
			),
			addresses: byCustomer(addresses, c.id, (r) => strip(r) as GroupAddress),
			consents: byCustomer(
				consents,
				c.id,
				(r) => ({ ...strip(r), granted: !!r.granted }) as GroupConsent
			),
			externalIds: byCustomer(
				externalIds,
				c.id,
				(r) => strip(r) as { system: string; value: string }
			),
			tags: byCustomer(tags, c.id, (r) => r.tag as string),
			orders: byCustomer(orders, c.id, (r) => strip(r) as { id: string; number: string })
		}));
}
