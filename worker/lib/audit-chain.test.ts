import { describe, expect, it } from 'vitest';
import {
	auditEntryHash as keyedHash,
	auditKeys,
	GENESIS_HASH,
	readAnchor,
	signAnchor,
	verifyAuditChain as keyedVerify,
	type AuditFields,
	type ChainedAuditEntry
} from './audit-chain';

const DATA_KEY = 'b3Jkby10ZXN0LWRhdGEta2V5LTMyLWJ5dGVzLWxvbmc=';
const OTHER_KEY = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=';
const KEY = auditKeys(DATA_KEY).chain;
const auditEntryHash = (args: { prevHash: string; entry: AuditFields }) =>
	keyedHash({ key: KEY, ...args });
const verifyAuditChain = (
	entries: readonly ChainedAuditEntry[],
	options: { startHash?: string; firstSeq?: number } = {}
) => keyedVerify(entries, { key: KEY, ...options });

const FIRST = {
	id: 1,
	action: 'order.cancel',
	actorId: 'u1',
	at: '2025-01-01T00:00:00.000Z',
	data: { reason: 'customer asked', orderId: 'o_9' }
};

function chain(entries: AuditFields[]): ChainedAuditEntry[] {
	let prevHash = GENESIS_HASH;
	return entries.map((entry, i) => {
		const hash = auditEntryHash({ prevHash, entry });
		const chained = { ...entry, id: i + 1, prevHash, hash };
		prevHash = hash;
		return chained;
	});
}

const fiveEntries = () =>
	chain(
		['login', 'order.create', 'refund.issue', 'role.change', 'logout'].map((action, i) => ({
			id: i + 1,
			action,
			actorId: 'u1',
			at: `2025-01-0${i + 1}T09:00:00.000Z`
		}))
	);

describe('auditEntryHash', () => {
	it('is HMAC-SHA256 over sorted-key JSON, reproducible by any other tool holding the key', async () => {
		// Python: hmac.new(key, json.dumps({...FIRST, 'prevHash': '0'*64}, sort_keys=True,
		// separators=(',', ':')).encode(), 'sha256'). Here Web Crypto is the other tool.
		const canonical =
			'{"action":"order.cancel","actorId":"u1","at":"2025-01-01T00:00:00.000Z",' +
			'"data":{"orderId":"o_9","reason":"customer asked"},"id":1,"prevHash":"' +
			GENESIS_HASH +
			'"}';
		const key = await crypto.subtle.importKey(
			'raw',
			new Uint8Array(KEY),
			{ name: 'HMAC', hash: 'SHA-256' },
			false,
			['sign']
		);
		const mac = new Uint8Array(
			await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(canonical))
		);
		const hex = Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('');
		expect(auditEntryHash({ prevHash: GENESIS_HASH, entry: FIRST })).toBe(hex);
	});

	it('derives different keys for different data keys and purposes', () => {
		const other = auditKeys(OTHER_KEY);
		expect(keyedHash({ key: other.chain, prevHash: GENESIS_HASH, entry: FIRST })).not.toBe(
			auditEntryHash({ prevHash: GENESIS_HASH, entry: FIRST })
		);
		const { chain, entry, anchor } = auditKeys(DATA_KEY);
		expect(new Set([chain, entry, anchor].map((k) => k.join())).size).toBe(3);
	});

	it('does not depend on the order of keys', () => {
		const { id, action, actorId, at } = FIRST;
		const reordered = {
			data: { orderId: 'o_9', reason: 'customer asked' },
			at,
			actorId,
			action,
			id
		};
		expect(auditEntryHash({ prevHash: GENESIS_HASH, entry: reordered })).toBe(
			auditEntryHash({ prevHash: GENESIS_HASH, entry: FIRST })
		);
	});

	it('changes when the previous hash changes', () => {
		expect(auditEntryHash({ prevHash: 'f'.repeat(64), entry: FIRST })).not.toBe(
			auditEntryHash({ prevHash: GENESIS_HASH, entry: FIRST })
		);
	});

	it('ignores a stored hash and prevHash on the entry itself', () => {
		const stored = { ...FIRST, hash: 'x', prevHash: 'y' };
		expect(auditEntryHash({ prevHash: GENESIS_HASH, entry: stored })).toBe(
			auditEntryHash({ prevHash: GENESIS_HASH, entry: FIRST })
		);
	});

	it('refuses values JSON cannot carry faithfully', () => {
		expect(() => auditEntryHash({ prevHash: GENESIS_HASH, entry: { n: NaN } })).toThrow();
		const withDate = { at: new Date() } as unknown as AuditFields;
		expect(() => auditEntryHash({ prevHash: GENESIS_HASH, entry: withDate })).toThrow();
	});
});

describe('verifyAuditChain', () => {
	it('accepts an intact chain and counts it', () => {
		expect(verifyAuditChain(fiveEntries())).toEqual({ ok: true, count: 5 });
	});

	it('accepts an empty chain', () => {
		expect(verifyAuditChain([])).toEqual({ ok: true, count: 0 });
	});

	it('names the edited entry when a field was changed', () => {
		const entries = fiveEntries();
		entries[2] = { ...entries[2]!, actorId: 'u2' };
		expect(verifyAuditChain(entries)).toEqual({
			ok: false,
			brokenAt: { index: 2, id: 3 },
			reason: 'hash_mismatch'
		});
	});

	it('names the entry after a deleted one', () => {
		const entries = fiveEntries();
		entries.splice(1, 1);
		expect(verifyAuditChain(entries)).toMatchObject({
			ok: false,
			brokenAt: { index: 1, id: 3 },
			reason: 'prev_hash_mismatch'
		});
	});

	it('catches an edit even when the attacker recomputed that entry’s own hash', () => {
		const entries = fiveEntries();
		const forged = { ...entries[1]!, action: 'order.view' };
		forged.hash = auditEntryHash({ prevHash: forged.prevHash, entry: forged });
		entries[1] = forged;
		expect(verifyAuditChain(entries)).toMatchObject({ ok: false, brokenAt: { index: 2 } });
	});

	it('catches reordered entries and reports the first broken link', () => {
		const entries = fiveEntries();
		[entries[3], entries[4]] = [entries[4]!, entries[3]!];
		expect(verifyAuditChain(entries)).toMatchObject({ ok: false, brokenAt: { index: 3, id: 5 } });
	});

	it('catches a renumbered entry, because the id is hashed too', () => {
		const entries = fiveEntries();
		entries[0] = { ...entries[0]!, id: 99 };
		expect(verifyAuditChain(entries)).toMatchObject({ ok: false, reason: 'hash_mismatch' });
	});

	it('refuses a chain that does not start at the genesis hash', () => {
		const entries = fiveEntries().slice(2);
		expect(verifyAuditChain(entries)).toMatchObject({
			ok: false,
			brokenAt: { index: 0 },
			reason: 'prev_hash_mismatch'
		});
	});

	it('refuses a chain rebuilt without the key (plain SHA-256 or another key)', () => {
		const rebuilt: ChainedAuditEntry[] = [];
		let prevHash = GENESIS_HASH;
		for (const entry of fiveEntries()) {
			const hash = keyedHash({ key: auditKeys(OTHER_KEY).chain, prevHash, entry });
			rebuilt.push({ ...entry, prevHash, hash });
			prevHash = hash;
		}
		expect(verifyAuditChain(rebuilt)).toMatchObject({
			ok: false,
			brokenAt: { index: 0 },
			reason: 'hash_mismatch'
		});
	});

	it('finds a missing number even where the links were made to agree', () => {
		const entries = chain(
			[1, 2, 4].map((id) => ({ id, action: 'x.y', at: '2025-01-01T00:00:00.000Z' }))
		).map((e, i) => ({ ...e, id: [1, 2, 4][i]! }));
		// chain() numbers by position; re-link with the ids as stored.
		let prevHash = GENESIS_HASH;
		for (const e of entries) {
			e.prevHash = prevHash;
			e.hash = auditEntryHash({ prevHash, entry: e });
			prevHash = e.hash;
		}
		expect(verifyAuditChain(entries)).toEqual({ ok: true, count: 3 });
		expect(verifyAuditChain(entries, { firstSeq: 1 })).toEqual({
			ok: false,
			brokenAt: { index: 2, id: 4 },
			reason: 'seq_gap'
		});
	});

	it('verifies a later segment from the last hash already verified', () => {
		const entries = fiveEntries();
		const startHash = entries[1]!.hash;
		expect(verifyAuditChain(entries.slice(2), { startHash })).toEqual({ ok: true, count: 3 });
	});
});

describe('anchors', () => {
	const { anchor } = auditKeys(DATA_KEY);
	const tip = { seq: 42, hash: 'ab'.repeat(32) };

	it('round-trips a tip signed with the anchor key', () => {
		expect(readAnchor(anchor, signAnchor(anchor, tip))).toEqual(tip);
	});

	it('refuses an anchor that was altered or made with another key', () => {
		const token = signAnchor(anchor, tip);
		expect(readAnchor(anchor, token.replace(/^42\./, '43.'))).toBeNull();
		expect(readAnchor(auditKeys(OTHER_KEY).anchor, token)).toBeNull();
		expect(readAnchor(anchor, 'nonsense')).toBeNull();
	});
});
