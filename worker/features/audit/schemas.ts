import * as v from 'valibot';
import { AUDIT_ACTOR_TYPES, AUDIT_OUTCOMES } from '../../../db/schema/audit';

const Text = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100));
const Time = v.pipe(v.string(), v.isoTimestamp('Use an ISO 8601 time with zone'));

export const AuditFilter = v.object({
	action: v.optional(
		v.pipe(
			v.string(),
			v.regex(
				/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*(\.\*)?$/,
				'Use an action like auth.sign_in, or auth.* for every auth action'
			)
		)
	),
	actorType: v.optional(v.picklist(AUDIT_ACTOR_TYPES)),
	actorId: v.optional(Text),
	targetType: v.optional(Text),
	targetId: v.optional(Text),
	outcome: v.optional(v.picklist(AUDIT_OUTCOMES)),
	from: v.optional(Time),
	to: v.optional(Time)
});
export type AuditFilter = v.InferOutput<typeof AuditFilter>;

export const ListAudit = v.object({
	...AuditFilter.entries,
	// The `seq` of the last entry on the previous page: newest first, stable under appends.
	cursor: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/, 'Use the nextCursor of a page'))),
	limit: v.optional(
		v.pipe(v.string(), v.toNumber(), v.integer(), v.minValue(1), v.maxValue(200)),
		'50'
	)
});
export type ListAudit = v.InferOutput<typeof ListAudit>;

export const AuditEntryView = v.object({
	seq: v.number(),
	at: v.string(),
	actor: v.object({
		type: v.string(),
		id: v.nullable(v.string()),
		// The user's current email, for people reading the log; the id is what is recorded.
		email: v.nullable(v.string())
	}),
	action: v.string(),
	outcome: v.string(),
	target: v.nullable(v.object({ type: v.string(), id: v.nullable(v.string()) })),
	ip: v.nullable(v.string()),
	userAgent: v.nullable(v.string()),
	requestId: v.string(),
	details: v.record(v.string(), v.unknown()),
	sealed: v.boolean()
});
export type AuditEntryView = v.InferOutput<typeof AuditEntryView>;

export const AuditPage = v.object({
	items: v.array(AuditEntryView),
	nextCursor: v.nullable(v.string())
});
export type AuditPage = v.InferOutput<typeof AuditPage>;

// What verify can find wrong, each naming the first entry concerned (`brokenAt`, a seq).
export const AUDIT_BREAKS = [
	'prev_hash_mismatch', // a link does not follow from the entry before: removed, inserted, moved
	'hash_mismatch', // the entry differs from what was sealed, or was sealed with another key
	'seq_gap', // an entry number is missing (not behind a purge checkpoint)
	'unauthenticated_entry', // no valid MAC from Ordo: put into the database by something else
	'duplicate_entry', // a copy of an earlier entry, MAC and all
	'truncated', // entries after this number were issued, or anchored, and are gone
	'anchor_mismatch', // the entry the anchor names is there but is not the one anchored
	'unrecorded_purge' // the newest purge checkpoint was not written by a recorded purge
] as const;
export type AuditBreak = (typeof AUDIT_BREAKS)[number];

const ANCHOR = /^\d{1,15}\.[0-9a-f]{64}\.[0-9a-f]{64}$/;

// Optional as a whole, so a client may call verify with no query at all.
export const VerifyAudit = v.optional(
	v.object({
		// The anchor from an earlier verify or export, or an `audit.anchor` log line.
		anchor: v.optional(
			v.pipe(v.string(), v.regex(ANCHOR, 'Paste the anchor exactly as verify or export gave it'))
		)
	}),
	{}
);
export type VerifyAudit = v.InferOutput<typeof VerifyAudit>;

export const AuditVerification = v.variant('ok', [
	v.object({
		ok: v.literal(true),
		count: v.number(),
		checkpoint: v.nullable(v.number()),
		// Keep it outside Ordo; verify with it later to prove nothing up to here was removed.
		anchor: v.nullable(v.string())
	}),
	v.object({
		ok: v.literal(false),
		brokenAt: v.number(),
		reason: v.picklist(AUDIT_BREAKS),
		checkpoint: v.nullable(v.number())
	})
]);
export type AuditVerification = v.InferOutput<typeof AuditVerification>;

// PCI DSS 10.5.1: keep at least 12 months. Ten years is a sanity ceiling, not a rule.
export const RETENTION_MONTHS = { default: 12, minimum: 12, maximum: 120 } as const;

export const SetRetention = v.object({
	months: v.pipe(
		v.number(),
		v.integer('Use a whole number of months'),
		v.minValue(
			RETENTION_MONTHS.minimum,
			'PCI DSS 10.5.1 requires keeping audit logs for at least 12 months'
		),
		v.maxValue(RETENTION_MONTHS.maximum)
	)
});
export type SetRetention = v.InferOutput<typeof SetRetention>;

export const Retention = v.object({ months: v.number(), minimum: v.number() });
export type Retention = v.InferOutput<typeof Retention>;

export const Purged = v.object({
	purged: v.number(),
	throughSeq: v.nullable(v.number()),
	retentionMonths: v.number()
});
export type Purged = v.InferOutput<typeof Purged>;
