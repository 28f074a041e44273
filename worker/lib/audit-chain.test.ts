import { describe, expect, it } from 'vitest';
import {
	auditEntryHash,
	GENESIS_HASH,
	verifyAuditChain,
	type AuditFields,
	type ChainedAuditEntry
} from './audit-chain';

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
	it('is SHA-256 over sorted-key JSON, reproducible by any other tool', () => {
		// Python: sha256(json.dumps({...FIRST, 'prevHash': '0'*64}, sort_keys=True,
		// separators=(',', ':'))).
		expect(auditEntryHash({ prevHash: GENESIS_HASH, entry: FIRST })).toBe(
			'6aa440a98a71f849fa6aa0d7e18b57fa3d0d45caf7184e0f02c4247910718238'
		);
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

	it('verifies a later segment from the last hash already verified', () => {
		const entries = fiveEntries();
		const startHash = entries[1]!.hash;
		expect(verifyAuditChain(entries.slice(2), { startHash })).toEqual({ ok: true, count: 3 });
	});
});
