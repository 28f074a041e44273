import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { asc, desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema/audit';
import { systemCtx } from '../../worker/core/context';
import { chainFields, storedColumns, type StoredEntry } from '../../worker/features/audit/internal';
import { auditEntry } from '../../worker/features/audit/record';
import { sealAuditLog } from '../../worker/features/audit/seal-audit-log';
import { canonicalJson, GENESIS_HASH } from '../../worker/lib/audit-chain';
import { TEST_DATA_KEY } from '../support/factories';
import { createTestApi, type Session, type TestApi } from '../support/test-api';

// Issue 6, 3.6: what someone with write access to the database, but not ORDO_DATA_KEY,
// can do to the audit log, and that verify finds each of it. Each attack gets its own
// database, so one finding cannot hide another.

type Log = { api: TestApi; auditor: Session; seqs: number[] };

async function logWithEntries(): Promise<Log> {
	const api = await createTestApi();
	const auditor = await api.signIn('admin');
	const ctx = systemCtx(api.db, Date.now(), TEST_DATA_KEY);
	await api.db.batch([
		auditEntry(ctx, { action: 'test.tamper', details: { n: 1 } }),
		auditEntry(ctx, { action: 'test.tamper', details: { n: 2 } }),
		auditEntry(ctx, { action: 'test.tamper', details: { n: 3 } }),
		auditEntry(ctx, { action: 'test.tamper', details: { n: 4 } })
	]);
	await sealAuditLog({ db: api.db, dataKey: TEST_DATA_KEY });
	const rows = await api.db
		.select({ seq: auditLog.seq })
		.from(auditLog)
		.where(eq(auditLog.action, 'test.tamper'))
		.orderBy(asc(auditLog.seq));
	return { api, auditor, seqs: rows.map((r) => r.seq) };
}

async function verify({ api, auditor }: Log, anchor?: string) {
	const query = anchor ? `?anchor=${anchor}` : '';
	const res = await api.request(`/api/audit/verify${query}`, { session: auditor });
	expect(res.status).toBe(200);
	return res.json();
}

const dropGuards = async (api: TestApi) => {
	for (const trigger of [
		'audit_log_seal_once',
		'audit_log_fields_fixed',
		'audit_log_delete_only_purged',
		'audit_log_insert_unsealed',
		'audit_checkpoints_valid'
	]) {
		await api.client.execute(`DROP TRIGGER ${trigger}`);
	}
};

// What the log allowed before it was keyed: recompute every link with plain SHA-256.
async function recomputeChainWithoutKey(api: TestApi) {
	const rows = (await api.db
		.select(storedColumns)
		.from(auditLog)
		.orderBy(asc(auditLog.seq))) as StoredEntry[];
	let prevHash = GENESIS_HASH;
	for (const row of rows) {
		const hash = encodeHexLowerCase(
			sha256(new TextEncoder().encode(canonicalJson({ ...chainFields(row), prevHash })))
		);
		await api.client.execute({
			sql: 'UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?',
			args: [prevHash, hash, row.seq]
		});
		prevHash = hash;
	}
}

describe('the keyed chain (security)', () => {
	it('verifies an untouched log and hands back an anchor for its tip', async () => {
		const log = await logWithEntries();
		const result = await verify(log);
		expect(result).toMatchObject({ ok: true, checkpoint: null });
		expect(result.anchor).toMatch(/^\d+\.[0-9a-f]{64}\.[0-9a-f]{64}$/);
	});

	it('finds an edit even when the triggers were dropped and the whole chain recomputed', async () => {
		const log = await logWithEntries();
		await dropGuards(log.api);
		await log.api.client.execute({
			sql: `UPDATE audit_log SET details = '{"n":99}' WHERE seq = ?`,
			args: [log.seqs[1]!]
		});
		await recomputeChainWithoutKey(log.api);
		// The first link already fails: without the key no MAC in the chain can be rebuilt.
		expect(await verify(log)).toMatchObject({ ok: false, brokenAt: 1, reason: 'hash_mismatch' });
	});

	it('finds a row inserted directly with the triggers in place, though the app sealed it', async () => {
		const log = await logWithEntries();
		await log.api.client.execute(
			`INSERT INTO audit_log (at, actor_type, action, outcome, request_id, details)
			 VALUES (${Date.now()}, 'system', 'users.role_change', 'success', 'forged', '{"to":"admin"}')`
		);
		const [forged] = await log.api.db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
		expect(await verify(log)).toMatchObject({
			ok: false,
			brokenAt: forged!.seq,
			reason: 'unauthenticated_entry'
		});
		const [sealed] = await log.api.db.select().from(auditLog).where(eq(auditLog.seq, forged!.seq));
		expect(sealed!.hash).not.toBeNull();
	});

	it('finds a copy of a real entry inserted directly, MAC and all', async () => {
		const log = await logWithEntries();
		await log.api.client.execute({
			sql: `INSERT INTO audit_log (at, actor_type, actor_id, action, outcome, target_type,
				target_id, ip, user_agent, request_id, details)
				SELECT at, actor_type, actor_id, action, outcome, target_type, target_id, ip,
					user_agent, request_id, details FROM audit_log WHERE seq = ?`,
			args: [log.seqs[0]!]
		});
		const [copy] = await log.api.db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
		expect(await verify(log)).toMatchObject({
			ok: false,
			brokenAt: copy!.seq,
			reason: 'duplicate_entry'
		});
	});

	it('finds a gap in the numbers where a row was removed', async () => {
		const log = await logWithEntries();
		await dropGuards(log.api);
		await log.api.client.execute({
			sql: 'DELETE FROM audit_log WHERE seq = ?',
			args: [log.seqs[2]!]
		});
		expect(await verify(log)).toMatchObject({
			ok: false,
			brokenAt: log.seqs[3],
			reason: 'seq_gap'
		});
	});
});

describe('cutting off the newest entries (security)', () => {
	it('is found from the numbers SQLite has already issued', async () => {
		const log = await logWithEntries();
		const tip = log.seqs.at(-1)!;
		await dropGuards(log.api);
		// Everything newer than the test entries goes too (the auditor's sign-in is older).
		await log.api.client.execute({ sql: 'DELETE FROM audit_log WHERE seq >= ?', args: [tip] });
		expect(await verify(log)).toMatchObject({ ok: false, brokenAt: tip, reason: 'truncated' });
	});

	it('is found against an anchor kept outside, even with the numbering reset', async () => {
		const log = await logWithEntries();
		const { anchor } = await verify(log);
		const anchoredSeq = Number(anchor.split('.')[0]);
		await dropGuards(log.api);
		await log.api.client.execute({
			sql: 'DELETE FROM audit_log WHERE seq >= ?',
			args: [log.seqs[2]!]
		});
		await log.api.client.execute(
			`UPDATE sqlite_sequence SET seq = (SELECT max(seq) FROM audit_log) WHERE name = 'audit_log'`
		);
		expect(await verify(log, anchor)).toMatchObject({
			ok: false,
			brokenAt: anchoredSeq,
			reason: 'truncated'
		});
	});

	it('passes against an anchor the log still reaches, and refuses a forged anchor', async () => {
		const log = await logWithEntries();
		const { anchor } = await verify(log);
		expect(await verify(log, anchor)).toMatchObject({ ok: true });
		const forged = anchor.replace(/^\d+/, '1');
		const res = await log.api.request(`/api/audit/verify?anchor=${forged}`, {
			session: log.auditor
		});
		expect(res.status).toBe(422);
		expect((await res.json()).errors.anchor).toBeDefined();
	});

	it('comes with every export, as a header', async () => {
		const log = await logWithEntries();
		const res = await log.api.request('/api/audit/export', { session: log.auditor });
		const anchor = res.headers.get('x-ordo-audit-anchor');
		expect(anchor).toMatch(/^\d+\.[0-9a-f]{64}\.[0-9a-f]{64}$/);
		expect(await verify(log, anchor!)).toMatchObject({ ok: true });
	});
});

describe('purges', () => {
	it('finds a checkpoint no recorded purge wrote (old entries removed by hand)', async () => {
		const log = await logWithEntries();
		await dropGuards(log.api);
		const [row] = await log.api.db.select().from(auditLog).where(eq(auditLog.seq, log.seqs[1]!));
		await log.api.client.execute({
			sql: `INSERT INTO audit_checkpoints (through_seq, hash, purged, purge_id) VALUES (?, ?, 1, 'x')`,
			args: [row!.seq, row!.hash]
		});
		await log.api.client.execute({
			sql: 'DELETE FROM audit_log WHERE seq <= ?',
			args: [row!.seq]
		});
		expect(await verify(log)).toMatchObject({
			ok: false,
			brokenAt: row!.seq,
			reason: 'unrecorded_purge'
		});
	});
});

describe('no card number in any stored string (security)', () => {
	it('masks a card in the User-Agent, however it is written', async () => {
		const api = await createTestApi();
		await api.request('/api/auth/sign-in', {
			method: 'POST',
			json: { email: 'nobody@ordo.test', password: 'x' },
			headers: { 'user-agent': 'Mozilla/5.0 (4111.1111.1111.1111)' }
		});
		const [entry] = await api.db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
		expect(entry!.userAgent).toBe('Mozilla/5.0 (411111******1111)');
	});
});
