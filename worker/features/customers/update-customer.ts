import { sql, type SQL } from 'drizzle-orm';
import { customerTags } from '../../../db/schema/customers';
import type { Ctx } from '../../core/context';
import { DomainError } from '../../core/errors';
import { mutate } from '../../core/mutate';
import { expectVersion } from '../../core/preconditions';
import {
	bumpVersion,
	changedSince,
	customerWritable,
	customerRecords,
	FieldCheck,
	profileOf
} from './internal';
import { profileFields } from './profile-fields';
import type { CustomerProfile, UpdateCustomer } from './schemas';

const COLUMNS = {
	givenName: 'given_name',
	familyName: 'family_name',
	preferredName: 'preferred_name',
	dateOfBirth: 'date_of_birth',
	notes: 'notes',
	country: 'country'
} as const;

/**
 * Changes the fields sent (null clears one), decided on the version the person saw: if it
 * moved, the batch aborts and the 409 names the fields changed since and by whom. The display
 * name follows given + family names unless a `name` is sent. One round trip when it applies.
 */
export async function updateCustomer({
	ctx,
	id,
	input
}: {
	ctx: Ctx;
	id: string;
	input: UpdateCustomer;
}): Promise<CustomerProfile> {
	const check = new FieldCheck();
	const fields = profileFields(check, input, new Date(ctx.now));
	check.done();
	const sets: SQL[] = [];
	const changed: string[] = [];
	for (const [key, column] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, string][]) {
		if (fields[key] === undefined) continue;
		sets.push(sql`${sql.identifier(column)} = ${fields[key]}`);
		changed.push(key);
	}
	const newGiven = fields.givenName === undefined ? sql`given_name` : sql`${fields.givenName}`;
	const newFamily = fields.familyName === undefined ? sql`family_name` : sql`${fields.familyName}`;
	if (fields.name !== undefined && fields.name !== null) {
		sets.push(sql`name = ${fields.name}`);
		changed.push('name');
	} else if (fields.givenName !== undefined || fields.familyName !== undefined) {
		sets.push(
			sql`name = coalesce(nullif(trim(coalesce(${newGiven}, '') || ' ' || coalesce(${newFamily}, '')), ''), name)`
		);
	}
	if (fields.tags) changed.push('tags');
	try {
		return await mutate<CustomerProfile>(ctx, {
			writes: [
				...customerWritable(ctx, id),
				expectVersion(ctx, 'customer', id, input.expectVersion),
				...(sets.length
					? [ctx.db.run(sql`UPDATE customers SET ${sql.join(sets, sql`, `)} WHERE id = ${id}`)]
					: []),
				...(fields.tags ? replaceTags(ctx, id, fields.tags) : []),
				bumpVersion(ctx, id),
				...customerRecords(ctx, {
					id,
					verb: 'update',
					summary: changed.length ? `Profile changed: ${changed.join(', ')}` : 'Profile saved',
					fields: changed
				})
			],
			result: profileOf(id)
		});
	} catch (error) {
		if (error instanceof DomainError && error.code === 'customer-changed')
			throw await changedSince(ctx, id, input.expectVersion);
		throw error;
	}
}

function replaceTags(ctx: Ctx, id: string, tags: string[]) {
	const keep = tags.length
		? sql.join(
				tags.map((t) => sql`${t}`),
				sql`, `
			)
		: sql`NULL`;
	return [
		ctx.db.run(sql`DELETE FROM customer_tags WHERE customer_id = ${id} AND tag NOT IN (${keep})`),
		...tags.map((tag) =>
			ctx.db
				.insert(customerTags)
				.values({ customerId: id, tag, createdAt: ctx.now })
				.onConflictDoNothing()
		)
	];
}
