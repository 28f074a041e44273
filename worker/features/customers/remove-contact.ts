import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { bumpVersion, customerWritable, customerRecords, profileOf } from './internal';
import type { CustomerProfile } from './schemas';

// Removing an email, a phone or an address: the three differ only in table and words, so
// one verb serves them (STYLE: the simpler thing). Removing the primary email or phone makes
// the oldest remaining one primary in the same batch, so customers.email/.phone stay set.

const KINDS = {
	email: { table: 'customer_emails', label: 'Email', field: 'emails' },
	phone: { table: 'customer_phones', label: 'Phone', field: 'phones' },
	address: { table: 'customer_addresses', label: 'Address', field: 'addresses' }
} as const;
export type ContactKind = keyof typeof KINDS;

export async function removeContact({
	ctx,
	id,
	kind,
	childId
}: {
	ctx: Ctx;
	id: string;
	kind: ContactKind;
	childId: string;
}): Promise<CustomerProfile> {
	const { table, label, field } = KINDS[kind];
	const t = sql.identifier(table);
	const promote =
		kind === 'address'
			? []
			: [
					ctx.db.run(
						sql`UPDATE ${t} SET is_primary = 1 WHERE id = (
							SELECT id FROM ${t} WHERE customer_id = ${id} ORDER BY created_at, id LIMIT 1)
							AND NOT EXISTS (SELECT 1 FROM ${t} WHERE customer_id = ${id} AND is_primary = 1)`
					)
				];
	return mutate<CustomerProfile>(ctx, {
		writes: [
			...customerWritable(ctx, id),
			// The row must be this customer's: otherwise the same 404 as a missing customer.
			ctx.db.run(
				sql`INSERT INTO target_checks (target, found)
					SELECT 'customer', EXISTS (SELECT 1 FROM ${t} WHERE id = ${childId} AND customer_id = ${id})`
			),
			ctx.db.run(sql`DELETE FROM ${t} WHERE id = ${childId} AND customer_id = ${id}`),
			...promote,
			bumpVersion(ctx, id),
			...customerRecords(ctx, {
				id,
				verb: `remove_${kind}`,
				summary: `${label} removed`,
				fields: [field],
				details: { removedId: childId }
			})
		],
		result: profileOf(id)
	});
}
