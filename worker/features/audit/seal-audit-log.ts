import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { auditLog } from '../../../db/schema/audit';
import { Unavailable } from '../../core/errors';
import { auditEntryHash, auditKeys, GENESIS_HASH, signAnchor } from '../../lib/audit-chain';
import { entryIsAuthentic } from './entry-mac';
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
export async function sealAuditLog({
	db,
	dataKey
}: {
	db: Db;
	dataKey: string | null;
}): Promise<{ sealed: number }> {
	const keys = requireKeys(dataKey);
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
			if (!entryIsAuthentic(keys.entry, row)) alert(row.seq);
			const hash = auditEntryHash({ key: keys.chain, prevHash, entry: chainFields(row) });
			const write = db
				.update(auditLog)
				.set({ prevHash, hash })
				.where(and(eq(auditLog.seq, row.seq), isNull(auditLog.hash)));
			prevHash = hash;
			return write;
		});
		await db.batch(writes as [(typeof writes)[number], ...typeof writes]);
		sealed += writes.length;
		anchor(keys.anchor, { seq: pending.at(-1)!.seq, hash: prevHash }, writes.length);
		if (pending.length < PAGE) return { sealed };
	}
}

export function requireKeys(dataKey: string | null) {
	if (!dataKey) {
		throw new Unavailable(
			'audit-key-missing',
			'The audit log cannot be sealed or checked right now',
			'Ordo was started without its data key (ORDO_DATA_KEY). Ask whoever runs Ordo to set it.'
		);
	}
	return auditKeys(dataKey);
}

// The sealed tip goes to the log stream (console: Workers Logs / Logpush on Cloudflare,
// stdout under Node), outside the database, each time it moves. An operator who keeps
// these lines (or the anchor from verify/export) can later prove the log was not cut short:
// GET /api/audit/verify?anchor=… fails if that entry is gone or differs.
function anchor(key: Uint8Array, tip: { seq: number; hash: string }, sealed: number) {
	console.info(
		`audit.anchor ${JSON.stringify({ seq: tip.seq, sealed, anchor: signAnchor(key, tip) })}`
	);
}

// The sealer still chains the row (refusing would stop the chain for every later entry,
// an easy way to leave all newer entries unprotected), but says so at once; verify names it.
function alert(seq: number) {
	console.error(
		`audit.alert ${JSON.stringify({ seq, problem: 'entry not written by Ordo (no valid entry MAC)' })}`
	);
}
