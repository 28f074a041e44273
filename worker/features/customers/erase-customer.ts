import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { Conflict, NotFound } from '../../core/errors';
import { mutate } from '../../core/mutate';
import { expectVersion } from '../../core/preconditions';
import { auditEntry } from '../audit/record';
import { timelineEvent } from '../orders/timeline';
import { profilesOf } from './data-request';
import type { ErasedCustomer } from './data-request-schemas';

export const ERASED_NAME = 'Erased customer';

type Snapshot = { version: number; mergedInto: string | null; erasedAt: number | null };

/** Whether the profile can be erased; a refusal says what to do instead. */
export function decideErasure(snapshot: Snapshot | undefined): void {
	if (!snapshot) throw new NotFound('customer-not-found', 'No such customer');
	if (snapshot.erasedAt !== null)
		throw new Conflict('customer-erased', 'This customer was already erased');
	if (snapshot.mergedInto !== null)
		throw new Conflict(
			'customer-merged',
			'This profile was merged into another',
			'Erase the profile it was merged into: that erases this one too.'
		);
}

// An order address keeps its country only: what accounting and tax need (where the goods
// went), nothing that identifies the person.
const anonymisedAddress = (column: string) =>
	sql.raw(`CASE WHEN ${column} IS NULL THEN NULL ELSE json_object('name', '${ERASED_NAME}',
		'line1', '', 'city', '', 'postcode', '', 'country', json_extract(${column}, '$.country')) END`);

/**
 * Erasure on request (GDPR art. 17): the profile and every profile merged into it keep
 * their row as a tombstone (`erased_at`, the shop number, nothing personal); emails,
 * phones, addresses, consents, external ids and tags go; orders stay for accounting with
 * their addresses and notes anonymised. The search index drops the person through its
 * triggers in the same batch. Decide, then write: the batch holds the snapshot's version.
 */
export async function eraseCustomer({
	ctx,
	id
}: {
	ctx: Ctx;
	id: string;
}): Promise<ErasedCustomer> {
	const [snapshot] = await ctx.db.all<Snapshot>(
		sql`SELECT version, merged_into AS mergedInto, erased_at AS erasedAt
			FROM customers WHERE id = ${id}`
	);
	decideErasure(snapshot);
	const ids = profilesOf(id);
	const run = (query: ReturnType<typeof sql>) => ctx.db.run(query);
	const childTables = [
		'customer_emails',
		'customer_phones',
		'customer_addresses',
		'customer_consents',
		'customer_external_ids',
		'customer_tags'
	];
	return mutate<ErasedCustomer>(ctx, {
		writes: [
			expectVersion(ctx, 'customer', id, snapshot!.version),
			run(sql`UPDATE customers SET name = ${ERASED_NAME}, given_name = NULL, family_name = NULL,
				preferred_name = NULL, date_of_birth = NULL, notes = NULL, country = NULL,
				erased_at = ${ctx.now}, updated_at = ${ctx.now}, version = version + 1
				WHERE id IN (${ids})`),
			...childTables.map((table) =>
				run(sql`DELETE FROM ${sql.identifier(table)} WHERE customer_id IN (${ids})`)
			),
			run(sql`UPDATE orders SET shipping_address = ${anonymisedAddress('shipping_address')},
				billing_address = ${anonymisedAddress('billing_address')}, notes = NULL,
				version = version + 1, updated_at = ${ctx.now}
				WHERE customer_id IN (${ids})`),
			timelineEvent(ctx, {
				entityKind: 'customer',
				entityId: id,
				customerId: id,
				orderId: null,
				kind: 'customer.erased',
				summary: 'Personal data erased on request; orders kept for accounting'
			}),
			auditEntry(ctx, { action: 'customer.erase', target: { type: 'customer', id } })
		],
		result: sql`json_object('id', ${id},
			'erasedAt', ${new Date(ctx.now).toISOString()},
			'profiles', (SELECT count(*) FROM customers WHERE id IN (${ids})),
			'ordersAnonymised', (SELECT count(*) FROM orders WHERE customer_id IN (${ids})))`
	});
}
