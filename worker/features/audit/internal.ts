import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { auditLog } from '../../../db/schema/audit';
import type { AuditFields, ChainedAuditEntry } from '../../lib/audit-chain';
import { bareRequestId } from './entry-mac';
import type { AuditEntryView, AuditFilter } from './schemas';

// An entry as stored. `details` is read as its raw text, so the chain covers exactly the
// bytes in the database, and a tampered value that is no longer JSON is reported as a
// broken link instead of crashing the check.
export const storedColumns = {
	seq: auditLog.seq,
	at: auditLog.at,
	actorType: auditLog.actorType,
	actorId: auditLog.actorId,
	action: auditLog.action,
	outcome: auditLog.outcome,
	targetType: auditLog.targetType,
	targetId: auditLog.targetId,
	ip: auditLog.ip,
	userAgent: auditLog.userAgent,
	requestId: auditLog.requestId,
	details: sql<string>`${auditLog.details}`,
	prevHash: auditLog.prevHash,
	hash: auditLog.hash
};

export type StoredEntry = {
	seq: number;
	at: number;
	actorType: string;
	actorId: string | null;
	action: string;
	outcome: string;
	targetType: string | null;
	targetId: string | null;
	ip: string | null;
	userAgent: string | null;
	requestId: string;
	details: string;
	prevHash: string | null;
	hash: string | null;
};

export const RETENTION_KEY = 'audit.retention_months';

// The retention in force, in SQL so a purge needs no read first: the setting, never below
// PCI DSS 10.5.1's 12 months. The checkpoint trigger (migration 0009) uses the same rule.
export const retentionMonthsSql = sql<number>`max(12, coalesce(
	(SELECT json_extract(value, '$') FROM settings WHERE key = ${RETENTION_KEY}), 12))`;

/**
 * What an entry's chain MAC covers: every stored field under these names, `seq` as `id`,
 * plus the previous MAC (worker/lib/audit-chain.ts). An auditor holding the chain key can
 * recompute it from the CSV export: HMAC-SHA256 of the sorted-key JSON of these fields and
 * `prevHash`.
 */
export function chainFields(row: StoredEntry): AuditFields {
	const { seq, prevHash: _prevHash, hash: _hash, ...fields } = row;
	return { id: seq, ...fields };
}

/** A stored row for verifyAuditChain; an unsealed row in the middle breaks the chain. */
export function chainedEntry(row: StoredEntry): ChainedAuditEntry {
	return { ...chainFields(row), id: row.seq, prevHash: row.prevHash ?? '', hash: row.hash ?? '' };
}

/** The conditions shared by the list and the export. `action` may end in `.*` for a prefix. */
export function filterWhere(filter: AuditFilter): SQL | undefined {
	const { action } = filter;
	const prefix = action?.endsWith('.*') ? action.slice(0, -1) : null;
	return and(
		prefix
			? // '/' sorts right after '.', so this range is every action under the prefix, by index.
				and(gte(auditLog.action, prefix), lt(auditLog.action, prefix.slice(0, -1) + '/'))
			: action
				? eq(auditLog.action, action)
				: undefined,
		filter.actorType ? eq(auditLog.actorType, filter.actorType) : undefined,
		filter.actorId ? eq(auditLog.actorId, filter.actorId) : undefined,
		filter.targetType ? eq(auditLog.targetType, filter.targetType) : undefined,
		filter.targetId ? eq(auditLog.targetId, filter.targetId) : undefined,
		filter.outcome ? eq(auditLog.outcome, filter.outcome) : undefined,
		filter.from ? gte(auditLog.at, Date.parse(filter.from)) : undefined,
		filter.to ? lt(auditLog.at, Date.parse(filter.to)) : undefined
	);
}

/** The filters that were used, for the `audit.view` / `audit.export` entry's details. */
export function usedFilters(filter: AuditFilter): Record<string, string> {
	return Object.fromEntries(
		Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === 'string')
	);
}

function parseDetails(raw: string): Record<string, unknown> {
	try {
		const value: unknown = JSON.parse(raw);
		return value && typeof value === 'object' && !Array.isArray(value)
			? (value as Record<string, unknown>)
			: {};
	} catch {
		return {};
	}
}

export function toView(row: StoredEntry & { actorEmail: string | null }): AuditEntryView {
	return {
		seq: row.seq,
		at: new Date(row.at).toISOString(),
		actor: { type: row.actorType, id: row.actorId, email: row.actorEmail },
		action: row.action,
		outcome: row.outcome,
		target: row.targetType ? { type: row.targetType, id: row.targetId } : null,
		ip: row.ip,
		userAgent: row.userAgent,
		requestId: bareRequestId(row.requestId),
		details: parseDetails(row.details),
		sealed: row.hash !== null
	};
}
