import { and, asc, desc, gt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { auditCheckpoints, auditLog } from '../../../db/schema/audit';
import type { Ctx } from '../../core/context';
import { GENESIS_HASH, verifyAuditChain } from '../../lib/audit-chain';
import { chainedEntry, storedColumns, type StoredEntry } from './internal';
import { auditEntry } from './record';
import { sealAuditLog } from './seal-audit-log';
import type { AuditVerification } from './schemas';

const PAGE = 1000;

// Up to the newest sealed entry: anything after it is still waiting for the sealer and
// proves nothing yet. An unsealed entry before it was tampered with and breaks the chain.
const sealedEnd = sql`${auditLog.seq} <= coalesce(
	(SELECT seq FROM audit_log WHERE hash IS NOT NULL ORDER BY seq DESC LIMIT 1), 0)`;

function pageAfter(db: Db, seq: number) {
	return db
		.select(storedColumns)
		.from(auditLog)
		.where(and(gt(auditLog.seq, seq), sealedEnd))
		.orderBy(asc(auditLog.seq))
		.limit(PAGE);
}

/**
 * Seals what is pending, then walks the chain from the newest purge checkpoint (or the
 * genesis) in pages and names the FIRST entry whose link or hash is wrong: an edited,
 * removed, inserted or reordered entry (PCI DSS 10.3.2). The check is itself audited as
 * `audit.verify`, with its outcome.
 */
export async function verifyAudit({ ctx }: { ctx: Ctx }): Promise<AuditVerification> {
	const { db } = ctx;
	await sealAuditLog({ db });
	const [checkpoint] = await db
		.select()
		.from(auditCheckpoints)
		.orderBy(desc(auditCheckpoints.throughSeq))
		.limit(1);
	const from = checkpoint?.throughSeq ?? null;
	const result = await walkChain(db, from ?? 0, checkpoint?.hash ?? GENESIS_HASH);
	const verification: AuditVerification = { ...result, checkpoint: from };
	await db.batch([
		auditEntry(ctx, {
			action: 'audit.verify',
			outcome: result.ok ? 'success' : 'failure',
			details: verification
		})
	]);
	return verification;
}

type Walked =
	| { ok: true; count: number }
	| { ok: false; brokenAt: number; reason: 'prev_hash_mismatch' | 'hash_mismatch' };

async function walkChain(db: Db, after: number, startHash: string): Promise<Walked> {
	let count = 0;
	for (;;) {
		const rows = (await pageAfter(db, after)) as StoredEntry[];
		const check = verifyAuditChain(rows.map(chainedEntry), { startHash });
		if (!check.ok) {
			return { ok: false, brokenAt: rows[check.brokenAt.index]!.seq, reason: check.reason };
		}
		count += rows.length;
		const last = rows.at(-1);
		if (!last || rows.length < PAGE) return { ok: true, count };
		startHash = last.hash!;
		after = last.seq;
	}
}
