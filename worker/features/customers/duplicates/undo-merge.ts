import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../core/context';
import { NotFound } from '../../../core/errors';
import { mutate } from '../../../core/mutate';
import { expectVersion } from '../../../core/preconditions';
import { auditEntry } from '../../audit/record';
import { timelineEvent } from '../../orders/timeline';
import { decideUndo, type UndoSnapshot } from './decide-undo';
import type { MergePlan } from './decide-merge';
import type { GroupConsent } from './group';
import { mergeJson } from './merges';
import type { MergeResult } from './schemas';

type UndoRecord = Pick<
	MergePlan,
	'emails' | 'phones' | 'addresses' | 'externalIds' | 'tags' | 'orders'
> & {
	mergedIds: string[];
	survivorBefore: Record<
		'name' | 'givenName' | 'familyName' | 'preferredName' | 'dateOfBirth' | 'notes',
		string | null
	>;
	primaries: string[];
	phonePrimaries: string[];
	consentsBefore: GroupConsent[];
};
type Person = UndoSnapshot['merged'][number] & { name: string };

async function readSnapshot(ctx: Ctx, id: string) {
	const [merges, people, elsewhere] = await ctx.db.batch([
		ctx.db.all<{
			record: string;
			survivorId: string;
			survivorVersion: number;
			undoneAt: number | null;
		}>(
			sql`SELECT record, survivor_id AS survivorId, survivor_version AS survivorVersion, undone_at AS undoneAt
				FROM customer_merges WHERE id = ${id}`
		),
		ctx.db
			.all<Person>(sql`SELECT c.id, c.number, c.name, c.version, c.merged_into AS mergedInto, c.erased_at AS erasedAt
			FROM customer_merges m JOIN customers c
				ON c.id = m.survivor_id OR c.id IN (SELECT value FROM json_each(m.record, '$.mergedIds'))
			WHERE m.id = ${id}`),
		ctx.db.all<{
			number: string;
		}>(sql`SELECT o.number FROM customer_merges m, json_each(m.record, '$.orders') j
			JOIN orders o ON o.id = j.value->>'id'
			WHERE m.id = ${id} AND o.customer_id IS NOT m.survivor_id ORDER BY o.number`)
	]);
	const merge = merges[0];
	if (!merge) throw new NotFound('merge-not-found', 'No such merge', `There is no merge ${id}.`);
	const record = JSON.parse(merge.record) as UndoRecord;
	const survivor = people.find((p) => p.id === merge.survivorId)!;
	const snapshot: UndoSnapshot = {
		undoneAt: merge.undoneAt,
		survivor,
		survivorVersion: merge.survivorVersion,
		merged: people.filter((p) => p.id !== survivor.id),
		ordersElsewhere: elsewhere.map((o) => o.number)
	};
	return { record, snapshot };
}

const j = JSON.stringify;

function moveBack(ctx: Ctx, r: UndoRecord, survivorId: string) {
	const everyone = j([survivorId, ...r.mergedIds]);
	const back = (table: string, moved: { id: string; from: string }[]) =>
		ctx.db.run(sql`UPDATE ${sql.identifier(table)} SET customer_id = m.value->>'from'
			FROM json_each(${j(moved)}) m WHERE ${sql.identifier(table)}.id = m.value->>'id'`);
	return [
		ctx.db.run(
			sql`UPDATE customer_emails SET is_primary = 0 WHERE is_primary = 1 AND customer_id IN (SELECT value FROM json_each(${everyone}))`
		),
		ctx.db.run(
			sql`UPDATE customer_phones SET is_primary = 0 WHERE is_primary = 1 AND customer_id IN (SELECT value FROM json_each(${everyone}))`
		),
		back('customer_emails', r.emails.move),
		back('customer_phones', r.phones.move),
		back('customer_addresses', r.addresses),
		ctx.db
			.run(sql`INSERT INTO customer_emails (id, customer_id, email, original, is_primary, created_at)
			SELECT value->>'id', value->>'customerId', value->>'email', value->>'original', 0, value->>'createdAt' FROM json_each(${j(r.emails.drop)})`),
		ctx.db
			.run(sql`INSERT INTO customer_phones (id, customer_id, e164, national, original, kind, is_primary, created_at)
			SELECT value->>'id', value->>'customerId', value->>'e164', value->>'national', value->>'original', value->>'kind', 0, value->>'createdAt'
			FROM json_each(${j(r.phones.drop)})`),
		ctx.db.run(
			sql`UPDATE customer_emails SET is_primary = 1 WHERE id IN (SELECT value FROM json_each(${j(r.primaries)}))`
		),
		ctx.db.run(
			sql`UPDATE customer_phones SET is_primary = 1 WHERE id IN (SELECT value FROM json_each(${j(r.phonePrimaries)}))`
		),
		ctx.db
			.run(sql`UPDATE customer_external_ids SET customer_id = m.value->>'from' FROM json_each(${j(r.externalIds)}) m
			WHERE customer_external_ids.system = m.value->>'system' AND customer_external_ids.value = m.value->>'value'`),
		ctx.db.run(
			sql`DELETE FROM customer_tags WHERE customer_id = ${survivorId} AND tag IN (SELECT value FROM json_each(${j(r.tags)}))`
		),
		ctx.db.run(sql`DELETE FROM customer_consents WHERE customer_id = ${survivorId}`),
		ctx.db
			.run(sql`INSERT INTO customer_consents (customer_id, channel, granted, at, source, recorded_by)
			SELECT ${survivorId}, value->>'channel', value->>'granted', value->>'at', value->>'source', value->>'recordedBy'
			FROM json_each(${j(r.consentsBefore)})`),
		ctx.db
			.run(sql`UPDATE orders SET customer_id = m.value->>'from', version = version + 1, updated_at = ${ctx.now}
			FROM json_each(${j(r.orders)}) m WHERE orders.id = m.value->>'id' AND orders.customer_id = ${survivorId}`)
	];
}

/**
 * Undoes a merge: both profiles back as they were and everything that moved moved back,
 * as long as nothing since depends on it (decide-undo.ts says what blocks it, as a 409).
 * Two round trips: the snapshot, then one batch under the profiles' versions.
 */
export async function undoMerge({ ctx, id }: { ctx: Ctx; id: string }): Promise<MergeResult> {
	const { record: r, snapshot } = await readSnapshot(ctx, id);
	decideUndo(snapshot);
	const s = snapshot.survivor;
	const b = r.survivorBefore;
	const group = j([s.id, ...r.mergedIds]);
	return mutate<MergeResult>(ctx, {
		writes: [
			expectVersion(ctx, 'customer', s.id, s.version),
			...snapshot.merged.map((m) => expectVersion(ctx, 'customer', m.id, m.version)),
			...moveBack(ctx, r, s.id),
			ctx.db
				.run(sql`UPDATE customers SET name = ${b.name}, given_name = ${b.givenName}, family_name = ${b.familyName},
				preferred_name = ${b.preferredName}, date_of_birth = ${b.dateOfBirth}, notes = ${b.notes},
				version = version + 1, updated_at = ${ctx.now} WHERE id = ${s.id}`),
			ctx.db
				.run(sql`UPDATE customers SET merged_into = NULL, version = version + 1, updated_at = ${ctx.now}
				WHERE id IN (SELECT value FROM json_each(${j(r.mergedIds)}))`),
			ctx.db.run(
				sql`UPDATE customer_merges SET undone_at = ${ctx.now}, undone_by = ${ctx.actor?.id ?? null} WHERE id = ${id}`
			),
			// Back in the queue for a person to decide again (or dismiss).
			ctx.db
				.run(sql`UPDATE customer_duplicates SET status = 'open', decided_by = NULL, decided_at = NULL
				WHERE status = 'merged' AND customer_a IN (SELECT value FROM json_each(${group}))
				AND customer_b IN (SELECT value FROM json_each(${group}))`),
			timelineEvent(ctx, {
				entityKind: 'customer',
				entityId: s.id,
				customerId: s.id,
				orderId: null,
				kind: 'customer.merge_undone',
				summary: `Undid the merge of ${snapshot.merged.map((m) => `#${m.number}`).join(', ')} (${r.orders.length} orders moved back)`,
				data: { mergeId: id }
			}),
			auditEntry(ctx, {
				action: 'customer.merge_undo',
				target: { type: 'customer', id: s.id },
				details: { mergeId: id, mergedIds: r.mergedIds, orders: r.orders.length }
			})
		],
		result: sql`SELECT ${mergeJson} FROM customer_merges m WHERE m.id = ${id}`
	});
}
