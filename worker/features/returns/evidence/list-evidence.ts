import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../core/context';
import { evidenceJson, returnNotFound } from './internal';
import type { EvidenceList } from './schemas';

/** A return's (or claim's) photos, oldest first, each with its unit. One query. */
export async function listEvidence({ ctx, id }: { ctx: Ctx; id: string }): Promise<EvidenceList> {
	const [row] = await ctx.db.all<{ body: string }>(sql`SELECT json_object('items',
		json((SELECT json_group_array(json(item)) FROM (SELECT ${evidenceJson()} AS item
			FROM return_evidence e WHERE e.return_id = r.id ORDER BY e.created_at, e.id)))) AS body
		FROM returns r WHERE r.id = ${id}`);
	if (!row) throw returnNotFound(id);
	return JSON.parse(row.body) as EvidenceList;
}
