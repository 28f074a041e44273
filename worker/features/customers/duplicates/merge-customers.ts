import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../core/context';
import { mutate } from '../../../core/mutate';
import { expectVersion } from '../../../core/preconditions';
import { auditEntry } from '../../audit/record';
import { timelineEvent } from '../../orders/timeline';
import { decideMerge, type MergePlan } from './decide-merge';
import { readGroup } from './group';
import { mergeJson } from './merges';
import type { MergeCustomers, MergeResult } from './schemas';

const json = (value: unknown) => JSON.stringify(value);
const ids = (moved: { id: string }[]) => json(moved.map((m) => m.id));

/** What undo needs, stored with the merge: exactly what moved, and what it replaced. */
function undoRecord(plan: MergePlan) {
	const s = plan.survivor;
	return {
		mergedIds: plan.merged.map((c) => c.id),
		survivorBefore: {
			name: s.name,
			givenName: s.givenName,
			familyName: s.familyName,
			preferredName: s.preferredName,
			dateOfBirth: s.dateOfBirth,
			notes: s.notes
		},
		primaries: [...plan.survivor.emails, ...plan.merged.flatMap((c) => c.emails)]
			.filter((e) => e.isPrimary)
			.map((e) => e.id),
		phonePrimaries: [...plan.survivor.phones, ...plan.merged.flatMap((c) => c.phones)]
			.filter((p) => p.isPrimary)
			.map((p) => p.id),
		consentsBefore: s.consents,
		emails: plan.emails,
		phones: plan.phones,
		addresses: plan.addresses,
		externalIds: plan.externalIds,
		tags: plan.tags,
		orders: plan.orders
	};
}

function contactWrites(ctx: Ctx, plan: MergePlan, survivorId: string) {
	return [
		ctx.db.run(
			sql`DELETE FROM customer_emails WHERE id IN (SELECT value FROM json_each(${json(plan.emails.drop.map((e) => e.id))}))`
		),
		ctx.db.run(
			sql`DELETE FROM customer_phones WHERE id IN (SELECT value FROM json_each(${json(plan.phones.drop.map((p) => p.id))}))`
		),
		// Primary flags off first: the partial unique index allows one primary per customer.
		ctx.db.run(
			sql`UPDATE customer_emails SET is_primary = 0 WHERE is_primary = 1 AND (customer_id = ${survivorId} OR id IN (SELECT value FROM json_each(${ids(plan.emails.move)})))`
		),
		ctx.db.run(
			sql`UPDATE customer_phones SET is_primary = 0 WHERE is_primary = 1 AND (customer_id = ${survivorId} OR id IN (SELECT value FROM json_each(${ids(plan.phones.move)})))`
		),
		ctx.db.run(
			sql`UPDATE customer_emails SET customer_id = ${survivorId} WHERE id IN (SELECT value FROM json_each(${ids(plan.emails.move)}))`
		),
		ctx.db.run(
			sql`UPDATE customer_phones SET customer_id = ${survivorId} WHERE id IN (SELECT value FROM json_each(${ids(plan.phones.move)}))`
		),
		ctx.db.run(
			sql`UPDATE customer_emails SET is_primary = 1 WHERE customer_id = ${survivorId} AND email = ${plan.emails.primary}`
		),
		ctx.db.run(
			sql`UPDATE customer_phones SET is_primary = 1 WHERE customer_id = ${survivorId} AND e164 = ${plan.phones.primary}`
		),
		ctx.db.run(
			sql`UPDATE customer_addresses SET customer_id = ${survivorId} WHERE id IN (SELECT value FROM json_each(${ids(plan.addresses)}))`
		),
		ctx.db.run(sql`UPDATE customer_external_ids SET customer_id = ${survivorId}
			WHERE (system, value) IN (SELECT value->>'system', value->>'value' FROM json_each(${json(plan.externalIds)}))`),
		ctx.db.run(sql`INSERT OR IGNORE INTO customer_tags (customer_id, tag, created_at)
			SELECT ${survivorId}, value, ${ctx.now} FROM json_each(${json(plan.tags)})`),
		ctx.db.run(sql`DELETE FROM customer_consents WHERE customer_id = ${survivorId}`),
		ctx.db
			.run(sql`INSERT INTO customer_consents (customer_id, channel, granted, at, source, recorded_by)
			SELECT ${survivorId}, value->>'channel', value->>'granted', value->>'at', value->>'source', value->>'recordedBy'
			FROM json_each(${json(plan.consents)})`)
	];
}

/**
 * Merges a group into a survivor in ONE batch, decided from one snapshot: the chosen fields,
 * every email, phone, address, external id, tag and order move to the survivor; consents
 * take the most restrictive; the others become tombstones (merged_into) so old links and
 * external ids still resolve. What moved is stored so undo is exact. Two round trips.
 */
export async function mergeCustomers({
	ctx,
	input
}: {
	ctx: Ctx;
	input: MergeCustomers;
}): Promise<MergeResult> {
	const group = await readGroup(ctx, [input.survivorId, ...input.mergedIds]);
	const plan = decideMerge(group, input);
	const s = plan.survivor;
	const mergedIds = plan.merged.map((c) => c.id);
	const id = crypto.randomUUID();
	const f = plan.fields;
	return mutate<MergeResult>(ctx, {
		status: 201,
		writes: [
			expectVersion(ctx, 'customer', s.id, s.version),
			...plan.merged.map((c) => expectVersion(ctx, 'customer', c.id, c.version)),
			...contactWrites(ctx, plan, s.id),
			ctx.db
				.run(sql`UPDATE orders SET customer_id = ${s.id}, version = version + 1, updated_at = ${ctx.now}
				WHERE id IN (SELECT value FROM json_each(${ids(plan.orders)}))`),
			ctx.db
				.run(sql`UPDATE customers SET name = ${f.name}, given_name = ${f.givenName}, family_name = ${f.familyName},
				preferred_name = ${f.preferredName}, date_of_birth = ${f.dateOfBirth}, notes = ${f.notes},
				version = version + 1, updated_at = ${ctx.now} WHERE id = ${s.id}`),
			ctx.db
				.run(sql`UPDATE customers SET merged_into = ${s.id}, version = version + 1, updated_at = ${ctx.now}
				WHERE id IN (SELECT value FROM json_each(${json(mergedIds)}))`),
			ctx.db
				.run(sql`UPDATE customer_duplicates SET status = 'merged', decided_by = ${ctx.actor?.kind === 'user' ? ctx.actor.id : null}, decided_at = ${ctx.now}
				WHERE customer_a IN (SELECT value FROM json_each(${json([s.id, ...mergedIds])}))
				AND customer_b IN (SELECT value FROM json_each(${json([s.id, ...mergedIds])}))`),
			ctx.db
				.run(sql`INSERT INTO customer_merges (id, survivor_id, record, survivor_version, merged_by, merged_at)
				VALUES (${id}, ${s.id}, ${json(undoRecord(plan))}, ${s.version + 1}, ${ctx.actor?.id ?? null}, ${ctx.now})`),
			timelineEvent(ctx, {
				entityKind: 'customer',
				entityId: s.id,
				customerId: s.id,
				orderId: null,
				kind: 'customer.merged',
				summary: `Merged ${plan.merged.map((c) => `#${c.number}`).join(', ')} into this profile (${plan.orders.length} orders moved)`,
				data: { mergeId: id, mergedIds }
			}),
			...plan.merged.map((c) =>
				timelineEvent(ctx, {
					entityKind: 'customer',
					entityId: c.id,
					customerId: c.id,
					orderId: null,
					kind: 'customer.merged_into',
					summary: `Merged into #${s.number}`,
					data: { mergeId: id, survivorId: s.id }
				})
			),
			auditEntry(ctx, {
				action: 'customer.merge',
				target: { type: 'customer', id: s.id },
				details: {
					mergeId: id,
					mergedIds,
					orders: plan.orders.length,
					emails: plan.emails.move.length,
					phones: plan.phones.move.length,
					addresses: plan.addresses.length,
					externalIds: plan.externalIds.length
				}
			})
		],
		result: sql`SELECT ${mergeJson} FROM customer_merges m WHERE m.id = ${id}`
	});
}
