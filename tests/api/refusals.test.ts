import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema/audit';
import { accessRefusals, rateLimits, sessions } from '../../db/schema/auth';
import { systemCtx } from '../../worker/core/context';
import { flushRefusalWindows } from '../../worker/features/auth/flush-refusals';
import { createUser, TEST_DATA_KEY } from '../support/factories';
import { createTestApi, type Session, type TestApi } from '../support/test-api';

let t: TestApi;
let warehouse: Session;
beforeAll(async () => {
	t = await createTestApi();
	warehouse = await t.signIn('warehouse');
});

const count = async (table: typeof auditLog | typeof accessRefusals | typeof rateLimits) =>
	(await t.db.select({ n: sql<number>`count(*)` }).from(table))[0]!.n;
const refusals = (kind: string) =>
	t.db
		.select()
		.from(auditLog)
		.where(
			sql`${auditLog.action} = 'access.refused' AND json_extract(${auditLog.details}, '$.kind') = ${kind}`
		);

describe('refused access is logged, aggregated (PCI DSS 10.2.1.4)', () => {
	it('1,000 refusals by role add one audit entry and one counter row', async () => {
		const before = { audit: await count(auditLog), counters: await count(accessRefusals) };
		for (let i = 0; i < 1000; i++) {
			const res = await t.request('/api/users', { session: warehouse });
			expect(res.status).toBe(403);
		}
		expect((await count(auditLog)) - before.audit).toBe(1);
		expect((await count(accessRefusals)) - before.counters).toBe(1);
		const [entry] = await refusals('forbidden');
		expect(entry).toMatchObject({
			actorType: 'user',
			actorId: warehouse.user.id,
			outcome: 'failure'
		});
		expect(entry!.details).toMatchObject({ route: 'GET /api/users' });
		const [counter] = await t.db
			.select()
			.from(accessRefusals)
			.where(eq(accessRefusals.subject, `user:${warehouse.user.id}`));
		expect(counter!.count).toBe(1000);
	});

	it('records each kind: CSRF, bad API key, expired session', async () => {
		const from = { 'x-ordo-client-ip': '192.0.2.7' };
		const csrf = await t.request('/api/users/me/sessions/revoke', {
			method: 'POST',
			session: warehouse,
			headers: { origin: 'https://evil.example', ...from }
		});
		expect(csrf.status).toBe(403);
		const badKey = await t.request('/api/inventory/products?q=x', {
			headers: { authorization: 'Bearer ordo_live_notarealkeynotarealkeynotareal', ...from }
		});
		expect(badKey.status).toBe(401);
		const expired = await t.signIn('support');
		await t.db
			.update(sessions)
			.set({ idleExpiresAt: Date.now() - 1 })
			.where(eq(sessions.userId, expired.user.id));
		const late = await t.request('/api/auth/me', { session: expired, headers: from });
		expect(late.status).toBe(401);
		for (const kind of ['csrf', 'bad_api_key', 'session_expired']) {
			expect(await refusals(kind), kind).toHaveLength(1);
		}
		const [anonymous] = await refusals('bad_api_key');
		expect(anonymous).toMatchObject({ actorType: 'anonymous', ip: '192.0.2.7' });
	});

	it('a sign-in flood past the limit grows neither the audit log nor rate_limits', async () => {
		const from = { 'x-ordo-client-ip': '198.51.100.9' };
		const signIn = (email: string) =>
			t.request('/api/auth/sign-in', {
				method: 'POST',
				headers: from,
				json: { email, password: 'wrong password again' }
			});
		const target = await createUser(t.db, { role: 'support' });
		for (let i = 0; i < 61; i++) await signIn(target.email);
		const before = { audit: await count(auditLog), limits: await count(rateLimits) };
		for (let i = 0; i < 200; i++) {
			// A different email each time, as a spray would.
			const res = await signIn(`spray.${i}@example.com`);
			expect(res.status).toBe(429);
		}
		expect((await count(rateLimits)) - before.limits).toBe(0);
		expect((await count(auditLog)) - before.audit).toBeLessThanOrEqual(1);
		expect(await refusals('rate_limited')).toHaveLength(1);
	});
});

describe('closed refusal windows (scheduled work)', () => {
	it('writes each closed window with its count to the audit log and empties the counters', async () => {
		const old = Date.now() - 20 * 60_000;
		await t.db.insert(accessRefusals).values([
			{
				kind: 'forbidden',
				subject: `user:${warehouse.user.id}`,
				route: 'GET /api/audit',
				windowStart: old,
				count: 42
			},
			{
				kind: 'bad_api_key',
				subject: 'ip:203.0.113.5',
				route: 'GET /api/users',
				windowStart: old,
				count: 7
			}
		]);
		const open = {
			kind: 'csrf',
			subject: 'ip:203.0.113.6',
			route: 'POST /api/users',
			windowStart: Date.now(),
			count: 3
		};
		await t.db.insert(accessRefusals).values(open);
		expect(
			await flushRefusalWindows({ ctx: systemCtx(t.db, Date.now(), TEST_DATA_KEY) })
		).toBeGreaterThanOrEqual(2);
		const written = await t.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'access.refused_window'));
		expect(written.map((e) => e.details)).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ kind: 'forbidden', count: 42, route: 'GET /api/audit' }),
				expect.objectContaining({ kind: 'bad_api_key', count: 7, address: '203.0.113.5' })
			])
		);
		const left = await t.db.select().from(accessRefusals);
		expect(left).toContainEqual(expect.objectContaining({ subject: open.subject, count: 3 }));
		expect(left.filter((r) => r.windowStart === old)).toEqual([]);
	});

	it("writes refusal entries the keyed audit chain accepts as Ordo's own", async () => {
		const admin = await t.signIn('admin');
		const res = await t.request('/api/audit/verify', { session: admin });
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ ok: true });
	});
});
