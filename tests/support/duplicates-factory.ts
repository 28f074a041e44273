import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';

export type ProfileSpec = {
	given: string;
	family: string;
	emails?: string[];
	/** E.164. */
	phones?: string[];
	postcode?: string;
	line1?: string;
	dob?: string;
	externalIds?: { system: string; value: string }[];
	consents?: { channel: 'email' | 'sms' | 'phone' | 'post'; granted: boolean; at: number }[];
	tags?: string[];
	notes?: string;
};

let counter = 0;

/**
 * A full customer profile written straight into the tables (the first email and phone
 * primary), as the profile verbs would leave it. The duplicate tests only need the rows.
 */
export async function createProfile(
	db: Db,
	spec: ProfileSpec
): Promise<{ id: string; number: string }> {
	const id = crypto.randomUUID();
	const number = `D${String(++counter).padStart(6, '0')}${id.slice(0, 4)}`;
	const batch = [
		db.run(sql`INSERT INTO customers (id, number, name, given_name, family_name, date_of_birth, notes, country)
			VALUES (${id}, ${number}, ${`${spec.given} ${spec.family}`}, ${spec.given}, ${spec.family},
				${spec.dob ?? null}, ${spec.notes ?? null}, 'GB')`),
		...(spec.emails ?? []).map((email, i) =>
			db.run(sql`INSERT INTO customer_emails (id, customer_id, email, original, is_primary)
				VALUES (${crypto.randomUUID()}, ${id}, ${email}, ${email}, ${i === 0 ? 1 : 0})`)
		),
		...(spec.phones ?? []).map((e164, i) =>
			db.run(sql`INSERT INTO customer_phones (id, customer_id, e164, national, original, kind, is_primary)
				VALUES (${crypto.randomUUID()}, ${id}, ${e164}, ${e164.slice(3)}, ${e164}, 'mobile', ${i === 0 ? 1 : 0})`)
		),
		...(spec.postcode
			? [
					db.run(sql`INSERT INTO customer_addresses (id, customer_id, kind, line1, city, postal_code, postal_key, country)
						VALUES (${crypto.randomUUID()}, ${id}, 'shipping', ${spec.line1 ?? '1 High Street'}, 'London',
							${spec.postcode}, ${spec.postcode.toLowerCase().replace(/[^a-z0-9]/g, '')}, 'GB')`)
				]
			: []),
		...(spec.externalIds ?? []).map((x) =>
			db.run(
				sql`INSERT INTO customer_external_ids (customer_id, system, value) VALUES (${id}, ${x.system}, ${x.value})`
			)
		),
		...(spec.consents ?? []).map((c) =>
			db.run(sql`INSERT INTO customer_consents (customer_id, channel, granted, at, source)
				VALUES (${id}, ${c.channel}, ${c.granted ? 1 : 0}, ${c.at}, 'test')`)
		),
		...(spec.tags ?? []).map((tag) =>
			db.run(sql`INSERT INTO customer_tags (customer_id, tag) VALUES (${id}, ${tag})`)
		)
	];
	await db.batch(batch as [(typeof batch)[number], ...typeof batch]);
	return { id, number };
}
