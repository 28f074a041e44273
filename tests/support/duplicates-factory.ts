import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { systemCtx } from '../../worker/core/context';
import { mergeCustomers } from '../../worker/features/customers/duplicates/merge-customers';

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

export type DuplicateFixtures = {
	/** A pair the dismiss and compare examples use (dismissing again is allowed). */
	dismiss: [string, string];
	toMerge: [string, string][];
	/** Ids of merges, each undone once. */
	toUndo: string[];
};

/** Pairs of one person for the route examples, and merges already made for the undo example. */
export async function createDuplicateFixtures(db: Db, pool: number): Promise<DuplicateFixtures> {
	const pair = async (i: number): Promise<[string, string]> => {
		const spec = {
			given: 'Route',
			family: `Check${i}`,
			phones: [`+4477009${String(i).padStart(5, '0')}`]
		};
		return [(await createProfile(db, spec)).id, (await createProfile(db, spec)).id];
	};
	const dismiss = await pair(0);
	const toMerge: [string, string][] = [];
	const toUndo: string[] = [];
	for (let i = 1; i <= pool; i++) toMerge.push(await pair(i));
	for (let i = pool + 1; i <= 2 * pool; i++) {
		const [survivorId, mergedId] = await pair(i);
		const merge = await mergeCustomers({
			ctx: systemCtx(db),
			input: { survivorId, mergedIds: [mergedId], fields: {} }
		});
		toUndo.push(merge.id);
	}
	return { dismiss, toMerge, toUndo };
}
