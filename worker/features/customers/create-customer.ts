import { sql } from 'drizzle-orm';
import { customerExternalIds, customers, customerTags } from '../../../db/schema/customers';
import type { Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import {
	addressRows,
	emailRows,
	inList,
	insertAddresses,
	insertEmails,
	insertPhones,
	phoneRows
} from './child-rows';
import { customerRecords, FieldCheck, profileOf, regionFor } from './internal';
import { displayName } from './normalise';
import { profileFields } from './profile-fields';
import type { CreateCustomer, CustomerProfile } from './schemas';

// New customers are numbered from the `customer_number` counter, above every number of
// imported data (the seed's CustomerIDs end below 20,000): started at 100,000 on first use.
const FIRST_NUMBER = 100_000;

/** A new profile, normalised, in one batch (plus a settings read when a phone has no +code). */
export async function createCustomer({
	ctx,
	input
}: {
	ctx: Ctx;
	input: CreateCustomer;
}): Promise<CustomerProfile> {
	const region = await regionFor(
		ctx,
		(input.phones ?? []).map((p) => p.phone)
	);
	const check = new FieldCheck();
	const fields = profileFields(check, input, new Date(ctx.now));
	const name = displayName(fields);
	if (!name) check.fail('givenName', 'Enter a name: a given name, a family name or both');
	const emails = emailRows(check, inList('emails'), input.emails ?? []);
	const phones = phoneRows(check, inList('phones'), input.phones ?? [], region);
	const addresses = addressRows(check, inList('addresses'), input.addresses ?? []);
	check.done();

	const id = crypto.randomUUID();
	return mutate<CustomerProfile>(ctx, {
		status: 201,
		writes: [
			ctx.db.run(
				sql`INSERT INTO counters (name, value) VALUES ('customer_number', ${FIRST_NUMBER})
					ON CONFLICT (name) DO UPDATE SET value = value + 1`
			),
			ctx.db.insert(customers).values({
				id,
				number: sql`(SELECT CAST(value AS TEXT) FROM counters WHERE name = 'customer_number')`,
				name: name!,
				givenName: fields.givenName ?? null,
				familyName: fields.familyName ?? null,
				preferredName: fields.preferredName ?? null,
				dateOfBirth: fields.dateOfBirth ?? null,
				notes: fields.notes ?? null,
				country: fields.country ?? null,
				createdAt: ctx.now,
				updatedAt: ctx.now
			}),
			...insertEmails(ctx, id, emails),
			...insertPhones(ctx, id, phones),
			...insertAddresses(ctx, id, addresses),
			...(input.externalIds ?? []).map((x) =>
				ctx.db.insert(customerExternalIds).values({ customerId: id, ...x, createdAt: ctx.now })
			),
			...(fields.tags ?? []).map((tag) =>
				ctx.db.insert(customerTags).values({ customerId: id, tag, createdAt: ctx.now })
			),
			...customerRecords(ctx, {
				id,
				verb: 'create',
				summary: `Customer created: ${name}`,
				fields: ['profile']
			})
		],
		result: profileOf(id)
	});
}
