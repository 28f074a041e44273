import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt } from './common';

export const AUDIT_ACTOR_TYPES = ['user', 'api_key', 'system', 'anonymous'] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];
export const AUDIT_OUTCOMES = ['success', 'failure'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * The audit trail (PCI DSS 10.2): who, what, when, from where, outcome and the record
 * touched. Rows are appended in the same batch as the action they describe and sealed
 * into a hash chain afterwards (worker/features/audit/seal-audit-log.ts); triggers in
 * migration 0005_audit_log_guards refuse every edit except that one-time sealing, and
 * every delete except a purge behind a checkpoint (PCI DSS 10.3.2, 10.5.1).
 */
export const auditLog = sqliteTable(
	'audit_log',
	{
		// The chain order. AUTOINCREMENT, not a plain rowid: a number is never reused,
		// even after the newest rows are purged, so a gap can only mean a purge.
		seq: integer('seq').primaryKey({ autoIncrement: true }),
		at: integer('at').notNull(),
		actorType: text('actor_type', { enum: AUDIT_ACTOR_TYPES }).notNull(),
		actorId: text('actor_id'),
		action: text('action').notNull(),
		outcome: text('outcome', { enum: AUDIT_OUTCOMES }).notNull(),
		targetType: text('target_type'),
		targetId: text('target_id'),
		ip: text('ip'),
		userAgent: text('user_agent'),
		requestId: text('request_id').notNull(),
		details: text('details', { mode: 'json' })
			.$type<Record<string, unknown>>()
			.notNull()
			.default(sql`'{}'`),
		// NULL until the sealer chains the row; then set once and never again.
		prevHash: text('prev_hash'),
		hash: text('hash')
	},
	(t) => [
		index('audit_log_at').on(t.at),
		index('audit_log_action').on(t.action, t.seq),
		index('audit_log_actor').on(t.actorId, t.seq),
		index('audit_log_target').on(t.targetType, t.targetId, t.seq),
		// The sealer finds its work with `hash IS NULL`; a partial index keeps that cheap.
		index('audit_log_unsealed')
			.on(t.seq)
			.where(sql`${t.hash} IS NULL`),
		check(
			'audit_log_actor_type_known',
			sql`${t.actorType} IN ('user', 'api_key', 'system', 'anonymous')`
		),
		check('audit_log_outcome_known', sql`${t.outcome} IN ('success', 'failure')`),
		check('audit_log_action_shape', sql`${t.action} GLOB '[a-z]*.[a-z]*'`),
		check('audit_log_details_object', sql`json_type(${t.details}) = 'object'`),
		check(
			'audit_log_sealed_whole',
			sql`(${t.hash} IS NULL) = (${t.prevHash} IS NULL)
				AND (${t.hash} IS NULL OR (length(${t.hash}) = 64 AND length(${t.prevHash}) = 64))`
		)
	]
);

/**
 * Retention purges (PCI DSS 10.5.1: keep 12 months). A purge first records the last entry
 * it removes and that entry's hash; verification then starts from this hash instead of the
 * genesis, so the remaining chain still proves nothing after it was touched. Rows are only
 * ever appended here (triggers), and the delete trigger on audit_log lets a row go only
 * when a checkpoint covers it.
 */
export const auditCheckpoints = sqliteTable(
	'audit_checkpoints',
	{
		throughSeq: integer('through_seq').primaryKey(),
		hash: text('hash').notNull(),
		purged: integer('purged').notNull(),
		purgeId: text('purge_id').notNull().unique(),
		createdAt: createdAt()
	},
	(t) => [check('audit_checkpoints_hash_shape', sql`length(${t.hash}) = 64`)]
);
