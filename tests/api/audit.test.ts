import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema/audit';
import { systemCtx } from '../../worker/core/context';
import { auditEntry } from '../../worker/features/audit/record';
import { sealAuditLog } from '../../worker/features/audit/seal-audit-log';
import {
	createLocation,
	createProduct,
	createUser,
	receiveStock,
	TEST_DATA_KEY,
	TEST_PASSWORD
} from '../support/factories';
import { createTestApi, roundTrips, type Session, type TestApi } from '../support/test-api';

const FROM = { 'x-ordo-client-ip': '203.0.113.7', 'user-agent': 'AuditTest/1.0' };

let t: TestApi;
let admin: Session;
let warehouse: Session;

beforeAll(async () => {
	t = await createTestApi();
	admin = await t.signIn('admin');
	warehouse = await t.signIn('warehouse');
});

async function entries(api: TestApi, action: string) {
	return api.db
		.select()
		.from(auditLog)
		.where(eq(auditLog.action, action))
		.orderBy(desc(auditLog.seq));
}

const signIn = (email: string, password: string) =>
	t.request('/api/auth/sign-in', { method: 'POST', json: { email, password }, headers: FROM });

async function stocked(api: TestApi, onHand = 10, reserved = 0) {
	const product = await createProduct(api.db);
	const location = await createLocation(api.db);
	await receiveStock(api.db, { productId: product.id, locationId: location.id, onHand, reserved });
	return { productId: product.id, locationId: location.id };
}

const adjust = (api: TestApi, session: Session, body: unknown) =>
	api.request('/api/inventory/adjustments', {
		method: 'POST',
		json: body,
		session,
		headers: FROM
	});

describe('what is recorded (happy)', () => {
	it('records a sign-in: who, what, when, from where, outcome and the account', async () => {
		const user = await createUser(t.db, { role: 'support' });
		const before = Date.now();
		expect((await signIn(user.email, TEST_PASSWORD)).status).toBe(200);
		const [entry] = (await entries(t, 'auth.sign_in')).filter((e) => e.actorId === user.id);
		expect(entry).toMatchObject({
			actorType: 'user',
			actorId: user.id,
			outcome: 'success',
			targetType: 'user',
			targetId: user.id,
			ip: '203.0.113.7',
			userAgent: 'AuditTest/1.0'
		});
		expect(entry!.at).toBeGreaterThanOrEqual(before);
		expect(entry!.at).toBeLessThanOrEqual(Date.now());
	});

	it('records a failed sign-in with the email typed, lower-cased, and never the password', async () => {
		const password = 'Not-The-Password-9731';
		expect((await signIn('Nobody.Here@Ordo.Test', password)).status).toBe(401);
		const [entry] = await entries(t, 'auth.sign_in');
		expect(entry).toMatchObject({
			actorType: 'anonymous',
			actorId: null,
			outcome: 'failure',
			ip: '203.0.113.7'
		});
		expect(entry!.details).toMatchObject({ email: 'nobody.here@ordo.test' });
		expect(JSON.stringify(entry)).not.toContain(password);
	});

	it('records a wrong password against the account it was tried on', async () => {
		const user = await createUser(t.db, { role: 'support' });
		expect((await signIn(user.email, 'wrong password entirely')).status).toBe(401);
		const [entry] = await entries(t, 'auth.sign_in');
		expect(entry).toMatchObject({ outcome: 'failure', targetType: 'user', targetId: user.id });
		expect(entry!.details).toMatchObject({ email: user.email });
	});

	it('records a sign-out', async () => {
		const session = await t.signIn('support');
		expect((await t.request('/api/auth/sign-out', { method: 'POST', session })).status).toBe(200);
		const [entry] = await entries(t, 'auth.sign_out');
		expect(entry).toMatchObject({ actorId: session.user.id, outcome: 'success' });
	});

	it('records a stock adjustment with product, location, delta and reason', async () => {
		const { productId, locationId } = await stocked(t);
		const res = await adjust(t, warehouse, { productId, locationId, delta: 3, reason: 'found' });
		expect(res.status).toBe(201);
		expect(roundTrips(res).domain).toBe(1);
		const [entry] = await entries(t, 'inventory.adjust');
		expect(entry).toMatchObject({
			actorType: 'user',
			actorId: warehouse.user.id,
			outcome: 'success',
			targetType: 'product',
			targetId: productId,
			ip: '203.0.113.7'
		});
		expect(entry!.details).toMatchObject({ locationId, delta: 3, reason: 'found' });
	});
});

describe('atomic with the action', () => {
	it('leaves no entry when the adjustment is refused (409)', async () => {
		const { productId, locationId } = await stocked(t, 5, 5);
		const res = await adjust(t, warehouse, { productId, locationId, delta: -1, reason: 'lost' });
		expect(res.status).toBe(409);
		const logged = await t.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'inventory.adjust'), eq(auditLog.targetId, productId)));
		expect(logged).toEqual([]);
	});

	it('masks a card number in details and refuses a secret-looking key', async () => {
		const ctx = systemCtx(t.db, Date.now(), TEST_DATA_KEY);
		await t.db.batch([
			auditEntry(ctx, { action: 'test.mask', details: { note: 'card 4111 1111 1111 1111' } })
		]);
		const [entry] = await entries(t, 'test.mask');
		expect(entry).toMatchObject({ actorType: 'system', actorId: null });
		expect(entry!.details).toEqual({ note: 'card 411111******1111' });
		expect(() => auditEntry(ctx, { action: 'test.secret', details: { password: 'x' } })).toThrow(
			/secrets/
		);
	});
});

describe('append-only in the database (security)', () => {
	it('refuses UPDATE and DELETE of an entry, sealed or not', async () => {
		const [newest] = await t.db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
		const seq = newest!.seq;
		await expect(
			t.client.execute({ sql: `UPDATE audit_log SET details = '{}' WHERE seq = ?`, args: [seq] })
		).rejects.toThrow(/append-only/);
		await expect(
			t.client.execute({ sql: 'DELETE FROM audit_log WHERE seq = ?', args: [seq] })
		).rejects.toThrow(/append-only/);
		await sealAuditLog({ db: t.db, dataKey: TEST_DATA_KEY });
		await expect(
			t.client.execute({
				sql: 'UPDATE audit_log SET hash = ?, prev_hash = ? WHERE seq = ?',
				args: ['f'.repeat(64), 'f'.repeat(64), seq]
			})
		).rejects.toThrow(/sealed, once/);
		await expect(t.client.execute('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
	});
});

describe('sealing and verification', () => {
	it('seals every entry and verifies the chain, and the check is itself recorded', async () => {
		const res = await t.request('/api/audit/verify', { session: admin });
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body).toMatchObject({ ok: true, checkpoint: null });
		expect(body.count).toBeGreaterThan(5);
		const [entry] = await entries(t, 'audit.verify');
		expect(entry).toMatchObject({ actorId: admin.user.id, outcome: 'success' });
	});

	it('agrees with itself when two sealers race over the same entries', async () => {
		const ctx = systemCtx(t.db, Date.now(), TEST_DATA_KEY);
		await t.db.batch([
			auditEntry(ctx, { action: 'test.race', details: { n: 1 } }),
			auditEntry(ctx, { action: 'test.race', details: { n: 2 } })
		]);
		await Promise.all([
			sealAuditLog({ db: t.db, dataKey: TEST_DATA_KEY }),
			sealAuditLog({ db: t.db, dataKey: TEST_DATA_KEY })
		]);
		const raced = await entries(t, 'test.race');
		expect(raced.every((e) => e.hash !== null)).toBe(true);
		const res = await t.request('/api/audit/verify', { session: admin });
		expect(await res.json()).toMatchObject({ ok: true });
	});
});

describe('tampering is found (security)', () => {
	let x: TestApi;
	let auditor: Session;
	let seqs: number[];

	beforeAll(async () => {
		x = await createTestApi();
		auditor = await x.signIn('admin');
		const ctx = systemCtx(x.db, Date.now(), TEST_DATA_KEY);
		await x.db.batch([
			auditEntry(ctx, { action: 'test.tamper', details: { n: 1 } }),
			auditEntry(ctx, { action: 'test.tamper', details: { n: 2 } }),
			auditEntry(ctx, { action: 'test.tamper', details: { n: 3 } }),
			auditEntry(ctx, { action: 'test.tamper', details: { n: 4 } })
		]);
		await sealAuditLog({ db: x.db, dataKey: TEST_DATA_KEY });
		seqs = (await entries(x, 'test.tamper')).map((e) => e.seq).reverse();
		// What an attacker with database access would do: remove the guards, then edit.
		await x.client.execute('DROP TRIGGER audit_log_seal_once');
		await x.client.execute('DROP TRIGGER audit_log_fields_fixed');
	});

	const verify = async () => (await x.request('/api/audit/verify', { session: auditor })).json();

	it('names the FIRST edited entry, even when later ones were edited too', async () => {
		for (const seq of [seqs[3]!, seqs[1]!]) {
			await x.client.execute({
				sql: `UPDATE audit_log SET details = '{"n":99}' WHERE seq = ?`,
				args: [seq]
			});
		}
		expect(await verify()).toEqual({
			ok: false,
			brokenAt: seqs[1],
			reason: 'hash_mismatch',
			checkpoint: null
		});
	});

	it('records the failed check as a failure', async () => {
		const [entry] = await entries(x, 'audit.verify');
		expect(entry).toMatchObject({ outcome: 'failure', actorId: auditor.user.id });
		expect(entry!.details).toMatchObject({ brokenAt: seqs[1] });
	});

	it('names the entry after deleted ones', async () => {
		await x.client.execute('DROP TRIGGER audit_log_delete_only_purged');
		await x.client.execute({ sql: 'DELETE FROM audit_log WHERE seq <= ?', args: [seqs[1]!] });
		// The entries before the deleted one are gone too, with no purge checkpoint: the
		// numbers no longer start at 1, and the first entry left is where it breaks.
		const [first] = await x.db.select().from(auditLog).orderBy(auditLog.seq).limit(1);
		expect(await verify()).toMatchObject({
			ok: false,
			brokenAt: first!.seq,
			reason: 'seq_gap'
		});
	});
});

describe('reading the log', () => {
	let productId: string;

	beforeAll(async () => {
		const stock = await stocked(t);
		productId = stock.productId;
		for (const delta of [1, 2, 3]) {
			await adjust(t, warehouse, { ...stock, delta, reason: `count ${delta}` });
		}
	});

	const list = async (query: string) => {
		const res = await t.request(`/api/audit?${query}`, { session: admin });
		expect(res.status).toBe(200);
		return res.json() as Promise<{
			items: { seq: number; action: string; outcome: string; target: unknown; actor: unknown }[];
			nextCursor: string | null;
		}>;
	};

	it('filters by action and target, newest first', async () => {
		const { items } = await list(
			`action=inventory.adjust&targetType=product&targetId=${productId}`
		);
		expect(items).toHaveLength(3);
		expect(items.map((i) => i.seq)).toEqual([...items.map((i) => i.seq)].sort((a, b) => b - a));
		expect(items[0]).toMatchObject({
			target: { type: 'product', id: productId },
			actor: { type: 'user', id: warehouse.user.id, email: warehouse.user.email }
		});
	});

	it('filters by actor, outcome, an action prefix and a time window', async () => {
		const byActor = await list(`actorId=${warehouse.user.id}&limit=200`);
		expect(byActor.items.length).toBeGreaterThan(0);
		expect(byActor.items.every((i) => (i.actor as { id: string }).id === warehouse.user.id)).toBe(
			true
		);
		const failures = await list('outcome=failure&limit=200');
		expect(failures.items.every((i) => i.outcome === 'failure')).toBe(true);
		const auth = await list('action=auth.*&limit=200');
		const actions = new Set(auth.items.map((i) => i.action));
		expect(actions).toContain('auth.sign_in');
		expect(actions).toContain('auth.sign_out');
		expect([...actions].every((a) => a.startsWith('auth.'))).toBe(true);
		const future = new Date(Date.now() + 60_000).toISOString();
		expect((await list(`from=${encodeURIComponent(future)}`)).items).toEqual([]);
	});

	it('pages with a cursor without repeating or skipping', async () => {
		const first = await list(`action=inventory.adjust&targetId=${productId}&limit=2`);
		expect(first.items).toHaveLength(2);
		expect(first.nextCursor).not.toBeNull();
		const second = await list(
			`action=inventory.adjust&targetId=${productId}&limit=2&cursor=${first.nextCursor}`
		);
		expect(second.items).toHaveLength(1);
		expect(second.nextCursor).toBeNull();
		expect(second.items[0]!.seq).toBeLessThan(first.items[1]!.seq);
	});

	it('records each view, with its filters, in the same round trip as the read', async () => {
		const res = await t.request('/api/audit?outcome=failure', { session: admin });
		expect(roundTrips(res).domain).toBe(1);
		const [entry] = await entries(t, 'audit.view');
		expect(entry).toMatchObject({ actorId: admin.user.id, outcome: 'success' });
		expect(entry!.details).toEqual({ outcome: 'failure' });
	});

	it('refuses a malformed filter with a 422', async () => {
		const res = await t.request('/api/audit?outcome=maybe&from=yesterday', { session: admin });
		expect(res.status).toBe(422);
		expect(Object.keys((await res.json()).errors).sort()).toEqual(['from', 'outcome']);
	});
});

describe('CSV export', () => {
	it('writes RFC 4180 CSV with a header, defusing formula-looking cells, and is recorded', async () => {
		const evil = '=HYPERLINK("http://evil.example","click")';
		const session = await t.signIn('support');
		await t.request('/api/auth/sign-out', {
			method: 'POST',
			session,
			headers: { 'user-agent': evil }
		});
		const res = await t.request('/api/audit/export?action=auth.sign_out', { session: admin });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
		expect(res.headers.get('content-disposition')).toMatch(/attachment; filename=".+\.csv"/);
		const csv = await res.text();
		const lines = csv.split('\r\n');
		expect(lines[0]).toBe(
			'seq,at,at_ms,actor_type,actor_id,action,outcome,target_type,target_id,ip,user_agent,' +
				'request_id,details,prev_hash,hash'
		);
		expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
		expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
		// Sealed before export: every row carries its hash for the auditor's own check.
		expect(lines.slice(1, -1).every((l) => /,[0-9a-f]{64},[0-9a-f]{64}$/.test(l))).toBe(true);
		const [entry] = await entries(t, 'audit.export');
		expect(entry).toMatchObject({ actorId: admin.user.id, outcome: 'success' });
		expect(entry!.details).toMatchObject({ action: 'auth.sign_out', format: 'csv' });
	});
});

describe('who may read the log (security)', () => {
	it('refuses a support user every audit route with 403', async () => {
		const support = await t.signIn('support');
		const calls: [string, string, unknown?][] = [
			['GET', '/api/audit'],
			['GET', '/api/audit/verify'],
			['GET', '/api/audit/export'],
			['GET', '/api/audit/retention'],
			['PUT', '/api/audit/retention', { months: 24 }],
			['POST', '/api/audit/purge']
		];
		for (const [method, path, json] of calls) {
			const res = await t.request(path, { method, json, session: support });
			expect(res.status, `${method} ${path}`).toBe(403);
		}
	});

	it('lets a manager set the retention but not read the log', async () => {
		const manager = await t.signIn('manager');
		expect((await t.request('/api/audit', { session: manager })).status).toBe(403);
		expect((await t.request('/api/audit/retention', { session: manager })).status).toBe(200);
	});
});

describe('retention (PCI DSS 10.5.1)', () => {
	const MONTH = 31 * 24 * 60 * 60_000;
	let r: TestApi;
	let owner: Session;
	let old: number[];

	beforeAll(async () => {
		r = await createTestApi();
		// Entries from 14 months ago, written as they were then, before today's activity.
		const then = systemCtx(r.db, Date.now() - 14 * MONTH, TEST_DATA_KEY);
		await r.db.batch([
			auditEntry(then, { action: 'test.old', details: { n: 1 } }),
			auditEntry(then, { action: 'test.old', details: { n: 2 } }),
			auditEntry(then, { action: 'test.old', details: { n: 3 } })
		]);
		old = (await entries(r, 'test.old')).map((e) => e.seq);
		owner = await r.signIn('admin');
		await sealAuditLog({ db: r.db, dataKey: TEST_DATA_KEY });
	});

	const retention = (months: number) =>
		r.request('/api/audit/retention', { method: 'PUT', json: { months }, session: owner });
	const purge = async () =>
		(await r.request('/api/audit/purge', { method: 'POST', session: owner })).json();

	it('refuses a retention under 12 months', async () => {
		const res = await retention(6);
		expect(res.status).toBe(422);
		expect((await res.json()).errors.months[0]).toMatch(/12 months/);
	});

	it('keeps entries younger than the retention and records the policy change', async () => {
		expect(await (await retention(24)).json()).toEqual({ months: 24, minimum: 12 });
		expect(await purge()).toEqual({ purged: 0, throughSeq: null, retentionMonths: 24 });
		expect(await entries(r, 'test.old')).toHaveLength(3);
		const [change] = await entries(r, 'settings.change');
		expect(change).toMatchObject({ targetType: 'setting', targetId: 'audit.retention_months' });
		expect(change!.details).toEqual({ key: 'audit.retention_months', from: 12, to: 24 });
	});

	it('purges older entries behind a checkpoint, and the rest still verifies', async () => {
		await retention(12);
		await sealAuditLog({ db: r.db, dataKey: TEST_DATA_KEY });
		const purged = await purge();
		expect(purged).toEqual({ purged: 3, throughSeq: Math.max(...old), retentionMonths: 12 });
		expect(await entries(r, 'test.old')).toEqual([]);
		const [record] = await entries(r, 'audit.purge');
		expect(record).toMatchObject({ actorId: owner.user.id });
		expect(record!.details).toMatchObject({ purged: 3, throughSeq: Math.max(...old) });
		const check = await (await r.request('/api/audit/verify', { session: owner })).json();
		expect(check).toMatchObject({ ok: true, checkpoint: Math.max(...old) });
		expect(check.count).toBeGreaterThan(0);
	});

	it('refuses a checkpoint for entries younger than the retention', async () => {
		const [newest] = await r.db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
		await sealAuditLog({ db: r.db, dataKey: TEST_DATA_KEY });
		const [sealed] = await r.db.select().from(auditLog).where(eq(auditLog.seq, newest!.seq));
		await expect(
			r.client.execute({
				sql: `INSERT INTO audit_checkpoints (through_seq, hash, purged, purge_id) VALUES (?, ?, 1, 'x')`,
				args: [sealed!.seq, sealed!.hash]
			})
		).rejects.toThrow(/older than the retention/);
	});
});

describe('retention with an out-of-order timestamp (security)', () => {
	it('never purges an entry younger than the retention, even behind an old one', async () => {
		const q = await createTestApi();
		const owner = await q.signIn('admin');
		// Today's sign-in comes first; then an entry stamped 14 months ago (a wrong clock).
		await q.db.batch([
			auditEntry(systemCtx(q.db, Date.now() - 14 * 31 * 24 * 60 * 60_000, TEST_DATA_KEY), {
				action: 'test.backdated'
			})
		]);
		await sealAuditLog({ db: q.db, dataKey: TEST_DATA_KEY });
		const [backdated] = await entries(q, 'test.backdated');
		await expect(
			q.client.execute({
				sql: `INSERT INTO audit_checkpoints (through_seq, hash, purged, purge_id) VALUES (?, ?, 1, 'x')`,
				args: [backdated!.seq, backdated!.hash]
			})
		).rejects.toThrow(/none newer before it/);
		const res = await q.request('/api/audit/purge', { method: 'POST', session: owner });
		expect(await res.json()).toMatchObject({ purged: 0, throughSeq: null });
		expect(await entries(q, 'auth.sign_in')).not.toEqual([]);
	});
});
