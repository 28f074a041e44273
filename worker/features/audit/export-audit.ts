import { asc, desc, isNotNull } from 'drizzle-orm';
import { auditLog } from '../../../db/schema/audit';
import type { Ctx } from '../../core/context';
import { toCsv } from './csv';
import { filterWhere, storedColumns, usedFilters, type StoredEntry } from './internal';
import { auditEntry } from './record';
import type { AuditFilter } from './schemas';
import { signAnchor } from '../../lib/audit-chain';
import { requireKeys, sealAuditLog } from './seal-audit-log';

// A Worker has 128 MB for everything; an export past this asks for a narrower from/to.
export const EXPORT_MAX_ROWS = 20_000;

const HEADER = [
	'seq',
	'at',
	'at_ms',
	'actor_type',
	'actor_id',
	'action',
	'outcome',
	'target_type',
	'target_id',
	'ip',
	'user_agent',
	'request_id',
	'details',
	'prev_hash',
	'hash'
] as const;

export type AuditExport = { csv: string; rows: number; truncated: boolean; anchor: string | null };

/**
 * The log as CSV, oldest first, with each entry's prev_hash and hash (HMAC-SHA256 under
 * the chain key: an auditor given that derived key can check the chain with their own
 * tools, see chainFields in internal.ts). Sealed first, so the export carries MACs up to
 * now, and the anchor of the sealed tip comes back with it (keep it; see verify). The log holds personal data (emails, IPs), so the
 * export is audited as `audit.export`, in the same batch as the read.
 */
export async function exportAudit({
	ctx,
	input
}: {
	ctx: Ctx;
	input: AuditFilter;
}): Promise<AuditExport> {
	const { db } = ctx;
	const keys = requireKeys(ctx.dataKey);
	await sealAuditLog({ db, dataKey: ctx.dataKey });
	const [rows, tips] = await db.batch([
		db
			.select(storedColumns)
			.from(auditLog)
			.where(filterWhere(input))
			.orderBy(asc(auditLog.seq))
			.limit(EXPORT_MAX_ROWS + 1),
		db
			.select({ seq: auditLog.seq, hash: auditLog.hash })
			.from(auditLog)
			.where(isNotNull(auditLog.hash))
			.orderBy(desc(auditLog.seq))
			.limit(1),
		auditEntry(ctx, { action: 'audit.export', details: { ...usedFilters(input), format: 'csv' } })
	]);
	const entries = (rows as StoredEntry[]).slice(0, EXPORT_MAX_ROWS);
	const csv = toCsv(
		HEADER,
		entries.map((e) => [
			e.seq,
			new Date(e.at).toISOString(),
			e.at,
			e.actorType,
			e.actorId,
			e.action,
			e.outcome,
			e.targetType,
			e.targetId,
			e.ip,
			e.userAgent,
			e.requestId,
			e.details,
			e.prevHash,
			e.hash
		])
	);
	const tip = tips[0];
	return {
		csv,
		rows: entries.length,
		truncated: rows.length > EXPORT_MAX_ROWS,
		anchor: tip?.hash ? signAnchor(keys.anchor, { seq: tip.seq, hash: tip.hash }) : null
	};
}
