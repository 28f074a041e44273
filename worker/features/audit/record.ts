import type { BatchItem } from 'drizzle-orm/batch';
import { auditLog, type AuditActorType, type AuditOutcome } from '../../../db/schema/audit';
import type { Ctx } from '../../core/context';
import { maskCardNumbers } from '../../lib/card-data';
import { auditKeys, type JsonValue } from '../../lib/audit-chain';
import { authenticatedRequestId, type EntryContent } from './entry-mac';

/** `area.verb`, lower-case: `auth.sign_in`, `inventory.adjust`, `customer.merge`. */
export type AuditAction = `${string}.${string}`;
export type AuditTarget = { type: string; id: string };
export type AuditActor =
	{ type: 'user' | 'api_key'; id: string } | { type: 'system' | 'anonymous' };
export type AuditDetails = { [key: string]: JsonValue | undefined };

export type AuditEntryInput = {
	action: AuditAction;
	/** Defaults to 'success'. Record refused access attempts as 'failure' (PCI DSS 10.2.1.4). */
	outcome?: AuditOutcome;
	/** The record acted on, e.g. `{ type: 'user', id }`, `{ type: 'payment', id }`. */
	target?: AuditTarget;
	/** Small, non-secret facts: ids, amounts, old → new values. Never passwords, tokens, card data. */
	details?: AuditDetails;
	/** Who acted; defaults to the request's actor (or 'system' for systemCtx work). */
	actor?: AuditActor;
};

const ACTION = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
// PCI DSS 10.3 / 3.3: the log itself must not become a store of secrets. A details key that
// names one is a programming error, refused before anything is written.
const SECRET_KEY =
	/pass(word|phrase|code)|secret|token|cvv|cvc|cardnumber|^pan$|^pin$|^otp$|totp|recoverycode|^apikey$|privatekey/;
const MAX_STRING = 500;
const MAX_DETAILS_BYTES = 4096;

/**
 * One audit entry as a Drizzle insert, to put in the SAME batch as the action it records:
 *
 *   await mutate(ctx, { writes: [changeRow, auditEntry(ctx, { action: 'user.role_change',
 *     target: { type: 'user', id }, details: { from: 'support', to: 'manager' } })], result });
 *
 * In the batch it is atomic with the action (a refused action leaves no "success" entry, a
 * done action cannot lose its entry) and costs no round trip of its own. The row is written
 * unsealed; seal-audit-log.ts chains it afterwards. Who, when and from where come from ctx.
 */
export function auditEntry(ctx: Ctx, input: AuditEntryInput): BatchItem<'sqlite'> {
	return ctx.db.insert(auditLog).values(entryValues(ctx, input, true));
}

/**
 * The row auditEntry writes, for verbs that must compute `details` in SQL and put their
 * own over it (see purge). Its MAC then leaves the details out (entry-mac.ts, mode `n`).
 */
export function auditValues(ctx: Ctx, input: AuditEntryInput) {
	return entryValues(ctx, input, false);
}

function entryValues(ctx: Ctx, input: AuditEntryInput, detailsAreFinal: boolean) {
	if (!ACTION.test(input.action)) throw new TypeError(`bad audit action "${input.action}"`);
	const actor = input.actor ?? actorOf(ctx);
	const content = {
		at: ctx.now,
		actorType: actor.type satisfies AuditActorType,
		actorId: stored('id' in actor ? actor.id : null),
		action: input.action,
		outcome: input.outcome ?? 'success',
		targetType: stored(input.target?.type),
		targetId: stored(input.target?.id),
		ip: stored(ctx.origin.ip),
		// A header anyone can set to anything, a card number included.
		userAgent: stored(ctx.origin.userAgent),
		requestId: ctx.requestId
	} satisfies EntryContent;
	const details = safeDetails(input.details ?? {});
	// Without ORDO_DATA_KEY (a script that was not given it) the entry goes in without a
	// MAC, and verification reports it as not written by Ordo: better loud than forgeable.
	const requestId = ctx.dataKey
		? authenticatedRequestId(
				auditKeys(ctx.dataKey).entry,
				content,
				detailsAreFinal ? details : null
			)
		: ctx.requestId;
	return { ...content, requestId, details };
}

// Every string the log stores is bounded and has any card number masked to first 6 / last 4
// (PCI DSS 3.4.1), with the same detector as free text: the log is append-only, so a PAN
// that got in could never be removed. Masked rather than dropped: the six and four are not
// cardholder data under 3.4.1, and they tell an investigator that a card was sent here.
function stored(text: string | null | undefined): string | null {
	return text == null ? null : maskCardNumbers(text.slice(0, MAX_STRING));
}

function actorOf(ctx: Ctx): AuditActor {
	if (ctx.actor) return { type: ctx.actor.kind, id: ctx.actor.id };
	// systemCtx (CLI, seed, scheduled work) is the only context with this request id.
	return ctx.requestId === 'system' ? { type: 'system' } : { type: 'anonymous' };
}

function safeDetails(details: AuditDetails): Record<string, JsonValue> {
	const clean = scrub(details) as Record<string, JsonValue>;
	if (JSON.stringify(clean).length > MAX_DETAILS_BYTES) {
		throw new TypeError('audit details are for small facts; keep them under 4 KB');
	}
	return clean;
}

function scrub(value: AuditDetails | JsonValue | undefined): JsonValue | undefined {
	if (typeof value === 'string') {
		// Free text (a reason, a note) may carry a pasted card number: mask it (PCI DSS 3.4.1).
		return maskCardNumbers(value.slice(0, MAX_STRING));
	}
	if (Array.isArray(value)) return value.map((v) => scrub(v) ?? null);
	if (value === null || typeof value !== 'object') return value;
	const out: Record<string, JsonValue> = {};
	for (const [key, member] of Object.entries(value)) {
		if (SECRET_KEY.test(key.toLowerCase().replace(/[_-]/g, ''))) {
			throw new TypeError(`audit details must not hold secrets ("${key}")`);
		}
		const scrubbed = scrub(member);
		if (scrubbed !== undefined) out[key] = scrubbed;
	}
	return out;
}
