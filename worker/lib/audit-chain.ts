import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';

// PCI DSS 10.3.2 / 10.5: audit records must be protected from modification. Each entry's
// hash covers its fields and the previous entry's hash, so editing, deleting, inserting or
// reordering any row breaks every link after it, and verification names the first one.

export const GENESIS_HASH = '0'.repeat(64);

export type JsonValue =
	string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type AuditFields = { [key: string]: JsonValue | undefined };
export type ChainedAuditEntry = AuditFields & {
	id: string | number;
	prevHash: string;
	hash: string;
};

export type AuditChainCheck =
	| { ok: true; count: number }
	| {
			ok: false;
			brokenAt: { index: number; id: string | number };
			reason: 'prev_hash_mismatch' | 'hash_mismatch';
	  };

/** SHA-256 hex over the canonical JSON of the entry's fields plus `prevHash`. */
export function auditEntryHash({
	prevHash,
	entry
}: {
	prevHash: string;
	entry: AuditFields;
}): string {
	// `hash` is the output, and `prevHash` comes from the argument, never from the entry.
	const fields: AuditFields = { ...entry, prevHash };
	delete fields.hash;
	const canonical = canonicalJson(fields);
	return encodeHexLowerCase(sha256(new TextEncoder().encode(canonical)));
}

/**
 * Walks entries in chain order from `startHash` (the genesis by default, or the last hash
 * of an already verified segment) and reports the first broken link.
 */
export function verifyAuditChain(
	entries: readonly ChainedAuditEntry[],
	{ startHash = GENESIS_HASH }: { startHash?: string } = {}
): AuditChainCheck {
	let expectedPrev = startHash;
	for (const [index, entry] of entries.entries()) {
		const brokenAt = { index, id: entry.id };
		// A prevHash that disagrees with the row before means rows were removed, inserted or
		// reordered, even when each row on its own still hashes correctly.
		if (entry.prevHash !== expectedPrev)
			return { ok: false, brokenAt, reason: 'prev_hash_mismatch' };
		if (auditEntryHash({ prevHash: entry.prevHash, entry }) !== entry.hash) {
			return { ok: false, brokenAt, reason: 'hash_mismatch' };
		}
		expectedPrev = entry.hash;
	}
	return { ok: true, count: entries.length };
}

// Keys sorted at every depth and no whitespace, so the same entry read back from the
// database (where column order and JSON formatting may differ) hashes the same. Numbers and
// strings use JSON.stringify, which for sorted keys matches RFC 8785 (JCS) output.
function canonicalJson(value: unknown): string {
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
