import { encodeHexLowerCase } from '@oslojs/encoding';
import { macHex, type AuditFields, type JsonValue } from '../../lib/audit-chain';

// An entry is authenticated when it is written, not only when it is sealed: the app adds a
// MAC (under the entry key, derived from ORDO_DATA_KEY) in the same insert, computed in
// JavaScript before the batch. A row put into audit_log by anything else (a console, a
// script, a compromised process without the key) has none or a wrong one, and verification
// names it even though the sealer chained it. Where it is kept: the request id column
// (`<request id>~<mode>.<nonce>.<mac>`), because audit_log has no column for it and this
// change adds no migration; views show the request id alone.
//
// Mode `d` covers the details too. Mode `n` leaves them out, for the entries whose details
// a verb computes in SQL in its batch (a role's old value, what a purge removed), which no
// JavaScript can know beforehand; those details are covered by the chain MAC once sealed.
// The nonce makes every MAC unique, so a copied row shows up as a duplicate.

export type EntryContent = {
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
};

const SEPARATOR = '~';
const TAG = /^([dn])\.([0-9a-f]{16})\.([0-9a-f]{32})$/;

function entryMac(
	key: Uint8Array,
	content: EntryContent,
	mode: 'd' | 'n',
	nonce: string,
	details: JsonValue | undefined
): string {
	const fields: AuditFields = { ...content, v: 1, mode, nonce };
	if (mode === 'd') fields.details = details;
	// 128 bits of the HMAC: ample against forgery (NIST SP 800-107), and a shorter column.
	return macHex(key, fields).slice(0, 32);
}

/** The request id to store: the real one plus this entry's MAC. */
export function authenticatedRequestId(
	key: Uint8Array,
	content: EntryContent,
	details: { [key: string]: JsonValue } | null
): string {
	const nonce = encodeHexLowerCase(crypto.getRandomValues(new Uint8Array(8)));
	const mode = details ? 'd' : 'n';
	const mac = entryMac(key, content, mode, nonce, details ?? undefined);
	return `${content.requestId}${SEPARATOR}${mode}.${nonce}.${mac}`;
}

/** The request id a person can quote, without the MAC. */
export function bareRequestId(stored: string): string {
	return stored.split(SEPARATOR, 1)[0]!;
}

/** Whether a stored entry carries a MAC this app wrote for exactly this content. */
export function entryIsAuthentic(
	key: Uint8Array,
	row: EntryContent & { details: string }
): boolean {
	const at = row.requestId.indexOf(SEPARATOR);
	const tag = at < 0 ? null : TAG.exec(row.requestId.slice(at + 1));
	if (!tag) return false;
	const [, mode, nonce, mac] = tag as unknown as [string, 'd' | 'n', string, string];
	let details: JsonValue | undefined;
	if (mode === 'd') {
		try {
			details = JSON.parse(row.details) as JsonValue;
		} catch {
			return false;
		}
	}
	const content = pick({ ...row, requestId: row.requestId.slice(0, at) });
	return entryMac(key, content, mode, nonce, details) === mac;
}

function pick(row: EntryContent): EntryContent {
	const { at, actorType, actorId, action, outcome, targetType, targetId, ip, userAgent } = row;
	const { requestId } = row;
	return {
		at,
		actorType,
		actorId,
		action,
		outcome,
		targetType,
		targetId,
		ip,
		userAgent,
		requestId
	};
}
