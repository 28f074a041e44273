import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { auditLog } from '../../../db/schema/audit';
import { auditEntryHash, GENESIS_HASH } from '../../lib/audit-chain';
import { chainFields, storedColumns, type StoredEntry } from './internal';

const PAGE = 500;

// The sealed end of the chain: the newest sealed entry's hash, else the newest purge
// checkpoint's (its entry is gone), else the genesis.
const tipHash = sql`coalesce(
	(SELECT hash FROM audit_log WHERE hash IS NOT NULL ORDER BY seq DESC LIMIT 1),
	(SELECT hash FROM audit_checkpoints ORDER BY through_seq DESC LIMIT 1))`;

/**
 * Chains unsealed entries onto the log's hash chain, in `seq` order (PCI DSS 10.3.2).
 *
 * Why after the fact: SQLite has no SHA-256, and hashing in JavaScript before the write
 * would be read-then-write (the previous hash can change under a concurrent request, and
 * it costs the action a round trip). So each action appends its entry unsealed in its own
 * batch, and this runs afterwards: after the response (seal-after-response.ts) and before
 * the chain is verified or exported. It reads the chain's tip and the unsealed entries in
 * one round trip and writes each seal with `WHERE hash IS NULL`; the result depends only on
 * what is stored, so two sealers racing compute the same hashes and the loser's writes
 * change nothing. Commit order is seq order (SQLite has one writer), so no entry can
 * appear behind one already sealed; a trigger refuses any attempt to insert one there.
 */
export async function sealAuditLog({ db }: { db: Db }): Promise<{ sealed: number }> {
	let sealed = 0;
	for (;;) {
		const [tip, pending] = await db.batch([
			db.all<{ hash: string | null }>(sql`SELECT ${tipHash} AS hash`),
			db
				.select(storedColumns)
				.from(auditLog)
				.where(
					and(
						isNull(auditLog.hash),
						sql`${auditLog.seq} > coalesce((SELECT seq FROM audit_log
							WHERE hash IS NOT NULL ORDER BY seq DESC LIMIT 1), 0)`
					)
				)
				.orderBy(asc(auditLog.seq))
				.limit(PAGE)
		]);
		const first = pending[0];
		if (!first) return { sealed };
		let prevHash = tip[0]?.hash ?? GENESIS_HASH;
		const writes = (pending as StoredEntry[]).map((row) => {
			const hash = auditEntryHash({ prevHash, entry: chainFields(row) });
			const write = db
				.update(auditLog)
				.set({ prevHash, hash })
				.where(and(eq(auditLog.seq, row.seq), isNull(auditLog.hash)));
			prevHash = hash;
			return write;
		});
		await db.batch(writes as [(typeof writes)[number], ...typeof writes]);
		sealed += writes.length;
		if (pending.length < PAGE) return { sealed };
	}
}
