import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { decodeBase64, encodeHexLowerCase } from '@oslojs/encoding';

// PCI DSS 10.3.2 / 10.5: audit records must be protected from modification. Each entry's
// MAC covers its fields, its `seq` and the previous entry's MAC, so editing, deleting,
// inserting or reordering any row breaks every link after it, and verification names the
// first one. The MAC is HMAC-SHA256 under a key derived from ORDO_DATA_KEY, which never
// enters the database: someone who can write the database but does not hold the key
// cannot recompute the chain after changing it (a plain hash chain they could).

export const GENESIS_HASH = '0'.repeat(64);

export type JsonValue =
	string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type AuditFields = { [key: string]: JsonValue | undefined };
export type ChainedAuditEntry = AuditFields & {
	id: number;
	prevHash: string;
	hash: string;
};

export type ChainBreak = 'prev_hash_mismatch' | 'hash_mismatch' | 'seq_gap';
export type AuditChainCheck =
	| { ok: true; count: number }
	| { ok: false; brokenAt: { index: number; id: number }; reason: ChainBreak };

/** The three keys of the audit log, each for one purpose, all from the one data key. */
export type AuditKeys = { chain: Uint8Array; entry: Uint8Array; anchor: Uint8Array };

const derived = new Map<string, AuditKeys>();

/** HKDF-SHA256 (RFC 5869) from ORDO_DATA_KEY; the same key always gives the same keys. */
export function auditKeys(dataKeyBase64: string): AuditKeys {
	let keys = derived.get(dataKeyBase64);
	if (!keys) {
		const ikm = decodeBase64(dataKeyBase64);
		const salt = new TextEncoder().encode('ordo audit log');
		const key = (purpose: string) =>
			hkdf(sha256, ikm, salt, new TextEncoder().encode(`ordo audit ${purpose} v1`), 32);
		keys = { chain: key('chain'), entry: key('entry'), anchor: key('anchor') };
		derived.set(dataKeyBase64, keys);
	}
	return keys;
}

/** HMAC-SHA256 hex of the canonical JSON of `value`. */
export function macHex(key: Uint8Array, value: AuditFields): string {
	return encodeHexLowerCase(hmac(sha256, key, new TextEncoder().encode(canonicalJson(value))));
}

/** The chain MAC of an entry: its fields (with `id`, its seq) plus `prevHash`, keyed. */
export function auditEntryHash({
	key,
	prevHash,
	entry
}: {
	key: Uint8Array;
	prevHash: string;
	entry: AuditFields;
}): string {
	// `hash` is the output, and `prevHash` comes from the argument, never from the entry.
	const fields: AuditFields = { ...entry, prevHash };
	delete fields.hash;
	return macHex(key, fields);
}

/**
 * Walks entries in chain order from `startHash` (the genesis by default, or the last hash
 * of an already verified segment) and reports the first broken link. With `firstSeq`, the
 * ids must also run on without a gap from there: AUTOINCREMENT never reuses a number, so a
 * missing one means a row was removed, even if the links were forged around it.
 */
export function verifyAuditChain(
	entries: readonly ChainedAuditEntry[],
	{
		key,
		startHash = GENESIS_HASH,
		firstSeq
	}: { key: Uint8Array; startHash?: string; firstSeq?: number }
): AuditChainCheck {
	let expectedPrev = startHash;
	for (const [index, entry] of entries.entries()) {
		const brokenAt = { index, id: entry.id };
		if (firstSeq !== undefined && entry.id !== firstSeq + index) {
			return { ok: false, brokenAt, reason: 'seq_gap' };
		}
		// A prevHash that disagrees with the row before means rows were removed, inserted or
		// reordered, even when each row on its own still hashes correctly.
		if (entry.prevHash !== expectedPrev)
			return { ok: false, brokenAt, reason: 'prev_hash_mismatch' };
		if (auditEntryHash({ key, prevHash: entry.prevHash, entry }) !== entry.hash) {
			return { ok: false, brokenAt, reason: 'hash_mismatch' };
		}
		expectedPrev = entry.hash;
	}
	return { ok: true, count: entries.length };
}

/**
 * An anchor: the chain's tip (seq and MAC) signed with the anchor key, for the operator to
 * keep outside the database. Verifying against it later proves the log still reaches that
 * far, which no check inside the database can (deleting the newest rows leaves no gap).
 */
export function signAnchor(key: Uint8Array, tip: { seq: number; hash: string }): string {
	return `${tip.seq}.${tip.hash}.${macHex(key, { anchor: 1, seq: tip.seq, hash: tip.hash })}`;
}

/** The tip an anchor names, or null when it was not made with this key (or is malformed). */
export function readAnchor(key: Uint8Array, anchor: string): { seq: number; hash: string } | null {
	const match = /^(\d{1,15})\.([0-9a-f]{64})\.([0-9a-f]{64})$/.exec(anchor);
	if (!match) return null;
	const tip = { seq: Number(match[1]), hash: match[2]! };
	return signAnchor(key, tip) === anchor ? tip : null;
}

// Keys sorted at every depth and no whitespace, so the same entry read back from the
// database (where column order and JSON formatting may differ) hashes the same. Numbers and
// strings use JSON.stringify, which for sorted keys matches RFC 8785 (JCS) output.
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') {
		if (typeof value === 'number' && !Number.isFinite(value)) {
			throw new TypeError('Audit entries cannot hold NaN or Infinity');
		}
		return JSON.stringify(value) ?? 'null';
	}
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	const prototype = Object.getPrototypeOf(value);
	if (prototype !== Object.prototype && prototype !== null) {
		throw new TypeError('Audit entries hold plain JSON values only');
	}
	const members = Object.entries(value)
		.filter(([, member]) => member !== undefined)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`);
	return `{${members.join(',')}}`;
}
