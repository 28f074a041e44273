import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../core/context';
import { isoTime } from '../../users/internal';
import type { MergeResult } from './schemas';

/** A merge as the API shows it, from `customer_merges m`. */
export const mergeJson = sql`json_object(
	'id', m.id, 'survivorId', m.survivor_id, 'mergedIds', json(m.record->'$.mergedIds'),
	'moved', json_object(
		'orders', json_array_length(m.record, '$.orders'),
		'emails', json_array_length(m.record, '$.emails.move'),
		'phones', json_array_length(m.record, '$.phones.move'),
		'addresses', json_array_length(m.record, '$.addresses'),
		'externalIds', json_array_length(m.record, '$.externalIds')),
	'mergedAt', ${isoTime(sql`m.merged_at`)}, 'undoneAt', ${isoTime(sql`m.undone_at`)})`;

/** The merges into one customer, newest first (the profile's "undo merge"). */
export async function listMerges({ ctx, customerId }: { ctx: Ctx; customerId: string }) {
	const rows = await ctx.db.all<{ merge: string }>(
		sql`SELECT ${mergeJson} AS merge FROM customer_merges m
			WHERE m.survivor_id = ${customerId} ORDER BY m.merged_at DESC LIMIT 20`
	);
	return { items: rows.map((r) => JSON.parse(r.merge) as MergeResult) };
}
