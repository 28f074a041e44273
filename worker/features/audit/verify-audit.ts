import { and, asc, desc, gt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { auditCheckpoints, auditLog } from '../../../db/schema/audit';
import type { Ctx } from '../../core/context';
import { Invalid } from '../../core/errors';
import {
	GENESIS_HASH,
	readAnchor,
	signAnchor,
	verifyAuditChain,
	type AuditKeys
} from '../../lib/audit-chain';
import { entryIsAuthentic } from './entry-mac';
import { chainedEntry, storedColumns, type StoredEntry } from './internal';
import { auditEntry } from './record';
import type { AuditBreak, AuditVerification, VerifyAudit } from './schemas';
import { requireKeys, sealAuditLog } from './seal-audit-log';

const PAGE = 1000;

// Up to the newest sealed entry: anything after it is still waiting for the sealer and
// proves nothing yet. An unsealed entry before it was tampered with and breaks the chain.
const sealedEnd = sql`${auditLog.seq} <= coalesce(
	(SELECT seq FROM audit_log WHERE hash IS NOT NULL ORDER BY seq DESC LIMIT 1), 0)`;

type Tip = { seq: number; hash: string };
type Found = { brokenAt: number; reason: AuditBreak };

/**
 * Seals what is pending, then checks the log (PCI DSS 10.3.2) and names the FIRST entry
 * that is wrong:
 *  - the keyed chain from the newest purge checkpoint (or the genesis): an edited, removed,
 *    inserted or reordered entry, or a chain recomputed by someone without the key;
 *  - `seq` runs on without a gap, and none was issued after the newest row kept
 *    (sqlite_sequence), so removing rows shows even where the links were rebuilt;
 *  - every entry carries the MAC the app wrote with it, once: a row inserted by anything
 *    else, or a copy of a real one, is named even though the sealer chained it;
 *  - the newest checkpoint is the one an `audit.purge` entry in the chain recorded;
 *  - given an `anchor` kept from an earlier verify or export (or the `audit.anchor` log
 *    line), the log still holds that entry unchanged: deleting the newest rows is found.
 * The check is itself audited as `audit.verify`, with its outcome.
 */
export async function verifyAudit({
	ctx,
	input
}: {
	ctx: Ctx;
	input: VerifyAudit;
}): Promise<AuditVerification> {
	const { db } = ctx;
	const keys = requireKeys(ctx.dataKey);
	const anchor = input.anchor ? readAnchor(keys.anchor, input.anchor) : null;
	if (input.anchor && !anchor) {
		throw new Invalid('invalid-input', 'This anchor was not issued by this Ordo', undefined, {
			anchor: ['Paste the anchor exactly as verify or export gave it, from this Ordo.']
		});
	}
	await sealAuditLog({ db, dataKey: ctx.dataKey });
	const [checkpoints, [ends], duplicates, purgeRecords] = await db.batch([
		db.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.throughSeq)).limit(1),
		db.all<{ issued: number | null; kept: number | null }>(sql`SELECT
			(SELECT seq FROM sqlite_sequence WHERE name = 'audit_log') AS issued,
			(SELECT max(seq) FROM audit_log) AS kept`),
		db.all<{ seq: number }>(sql`SELECT max(seq) AS seq FROM audit_log
			WHERE instr(request_id, '~') > 0
			GROUP BY substr(request_id, instr(request_id, '~')) HAVING count(*) > 1
			ORDER BY 1 LIMIT 1`),
		db.all<{ n: number }>(sql`SELECT count(*) AS n FROM audit_log AS p, audit_checkpoints AS c
			WHERE p.action = 'audit.purge' AND p.hash IS NOT NULL
				AND c.through_seq = (SELECT max(through_seq) FROM audit_checkpoints)
				AND json_extract(p.details, '$.throughSeq') = c.through_seq
				AND json_extract(p.details, '$.checkpointHash') = c.hash`)
	]);
	const checkpoint = checkpoints[0] ?? null;
	const from = checkpoint?.throughSeq ?? 0;
	const walked = await walkChain(db, keys, from, checkpoint?.hash ?? GENESIS_HASH, anchor);
	const found = [
		'brokenAt' in walked ? walked : null,
		duplicates[0] ? { brokenAt: duplicates[0].seq, reason: 'duplicate_entry' as const } : null,
		checkpoint && !purgeRecords[0]?.n
			? { brokenAt: checkpoint.throughSeq, reason: 'unrecorded_purge' as const }
			: null,
		(ends?.issued ?? 0) > (ends?.kept ?? 0)
			? { brokenAt: (ends?.kept ?? 0) + 1, reason: 'truncated' as const }
			: null,
		anchor ? anchorProblem(anchor, walked, checkpoint) : null
	].filter((f): f is Found => f !== null);
	const first = found.sort((a, b) => a.brokenAt - b.brokenAt)[0];
	const tip = 'tip' in walked ? walked.tip : null;
	const verification: AuditVerification = first
		? { ok: false, ...first, checkpoint: checkpoint?.throughSeq ?? null }
		: {
				ok: true,
				count: 'count' in walked ? walked.count : 0,
				checkpoint: checkpoint?.throughSeq ?? null,
				anchor: tip ? signAnchor(keys.anchor, tip) : null
			};
	await db.batch([
		auditEntry(ctx, {
			action: 'audit.verify',
			outcome: verification.ok ? 'success' : 'failure',
			details: { ...verification, ...(input.anchor ? { checkedAnchor: input.anchor } : {}) }
		})
	]);
	return verification;
}

type Walked = Found | { count: number; tip: Tip | null; anchorSeen: Tip | null };

function pageAfter(db: Db, seq: number) {
	return db
		.select(storedColumns)
		.from(auditLog)
		.where(and(gt(auditLog.seq, seq), sealedEnd))
		.orderBy(asc(auditLog.seq))
		.limit(PAGE);
}

async function walkChain(
	db: Db,
	keys: AuditKeys,
	after: number,
	startHash: string,
	anchor: Tip | null
): Promise<Walked> {
	let count = 0;
	let anchorSeen: Tip | null = null;
	let tip: Tip | null = null;
	for (;;) {
		const rows = (await pageAfter(db, after)) as StoredEntry[];
		const check = verifyAuditChain(rows.map(chainedEntry), {
			key: keys.chain,
			startHash,
			firstSeq: after + 1
		});
		const forged = rows.findIndex((row) => !entryIsAuthentic(keys.entry, row));
		const chainIndex = check.ok ? -1 : check.brokenAt.index;
		if (forged >= 0 && (chainIndex < 0 || forged < chainIndex)) {
			return { brokenAt: rows[forged]!.seq, reason: 'unauthenticated_entry' };
		}
		if (!check.ok) return { brokenAt: rows[chainIndex]!.seq, reason: check.reason };
		const atAnchor = anchor ? rows.find((row) => row.seq === anchor.seq) : undefined;
		if (atAnchor) anchorSeen = { seq: atAnchor.seq, hash: atAnchor.hash! };
		count += rows.length;
		const last = rows.at(-1);
		if (last) tip = { seq: last.seq, hash: last.hash! };
		if (!last || rows.length < PAGE) return { count, tip, anchorSeen };
		startHash = last.hash!;
		after = last.seq;
	}
}

// An anchor inside the purged range can only be compared with the checkpoint itself.
function anchorProblem(
	anchor: Tip,
	walked: Walked,
	checkpoint: { throughSeq: number; hash: string } | null
): Found | null {
	if (checkpoint && anchor.seq <= checkpoint.throughSeq) {
		const differs = anchor.seq === checkpoint.throughSeq && anchor.hash !== checkpoint.hash;
		return differs ? { brokenAt: anchor.seq, reason: 'anchor_mismatch' } : null;
	}
	if ('brokenAt' in walked) return null;
	if (!walked.anchorSeen) return { brokenAt: anchor.seq, reason: 'truncated' };
	return walked.anchorSeen.hash === anchor.hash
		? null
		: { brokenAt: anchor.seq, reason: 'anchor_mismatch' };
}
