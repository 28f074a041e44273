import { sql } from 'drizzle-orm';
import { auditLog } from '../../../db/schema/audit';
import type { Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { retentionMonthsSql } from './internal';
import { auditValues } from './record';
import type { Purged } from './schemas';

/**
 * Removes entries older than the retention (PCI DSS 10.5.1; `audit.retention_months`,
 * never under 12) without breaking the chain, in one batch:
 *  1. a checkpoint row records the last entry of the run of sealed entries older than
 *     the retention, and its hash (the database's triggers check both, and the age, by its
 *     own clock). The run stops at the first newer entry, so an entry stamped with an odd
 *     time (a wrong clock, a back-dated import) can never drag newer entries out with it;
 *  2. entries up to that checkpoint are deleted, the only delete the triggers allow;
 *  3. the purge itself is audited as `audit.purge`, with what it removed.
 * Verification then starts from the checkpoint's hash. Unsealed old entries (the sealer
 * never reached them) are simply kept until a later purge.
 */
export async function purgeAudit({ ctx }: { ctx: Ctx }): Promise<Purged> {
	const { db } = ctx;
	const purgeId = crypto.randomUUID();
	const cutoff = sql`CAST(unixepoch('now', printf('-%d months', ${retentionMonthsSql})) AS INTEGER) * 1000`;
	const mine = sql`FROM audit_checkpoints WHERE purge_id = ${purgeId}`;
	return mutate<Purged>(ctx, {
		writes: [
			db.run(sql`INSERT INTO audit_checkpoints (through_seq, hash, purged, purge_id, created_at)
				SELECT c.seq, c.hash, (SELECT count(*) FROM audit_log WHERE seq <= c.seq), ${purgeId}, ${ctx.now}
				FROM audit_log AS c
				WHERE c.hash IS NOT NULL AND c.at < ${cutoff}
					AND c.seq > coalesce((SELECT max(through_seq) FROM audit_checkpoints), 0)
					AND c.seq < coalesce((SELECT min(seq) FROM audit_log WHERE at >= ${cutoff}), ${Number.MAX_SAFE_INTEGER})
				ORDER BY c.seq DESC LIMIT 1`),
			db.run(sql`DELETE FROM audit_log WHERE seq <= (SELECT through_seq ${mine})`),
			db.insert(auditLog).values({
				...auditValues(ctx, { action: 'audit.purge' }),
				details: sql`json_object('retentionMonths', ${retentionMonthsSql},
					'purged', coalesce((SELECT purged ${mine}), 0),
					'throughSeq', (SELECT through_seq ${mine}),
					'checkpointHash', (SELECT hash ${mine}))`
			})
		],
		result: sql`json_object('purged', coalesce((SELECT purged ${mine}), 0),
			'throughSeq', (SELECT through_seq ${mine}), 'retentionMonths', ${retentionMonthsSql})`
	});
}
