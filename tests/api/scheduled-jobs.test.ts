// The scheduled jobs (worker/features/maintenance) over a real libSQL file: what each
// removes, what it keeps, and that it costs one batch whatever the number of rows.
import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countingClient, drizzleOver, type RoundTrips } from '../../db/client';
import { auditLog } from '../../db/schema/audit';
import { rateLimits, sessions } from '../../db/schema/auth';
import { idempotencyKeys } from '../../db/schema/sync';
import { cronSchedules, JOBS, type Job } from '../../worker/features/maintenance/jobs';
import { pruneExpired } from '../../worker/features/maintenance/prune-expired';
import {
	EXPIRED_SESSION_GRACE_MS,
	IDEMPOTENCY_RETENTION_MS,
	RATE_LIMIT_RETENTION_MS
} from '../../worker/features/maintenance/retention';
import { jobCtx, runJobs } from '../../worker/features/maintenance/run-jobs';
import { jobsFor } from '../../worker/scheduled';
import { createUser, TEST_DATA_KEY } from '../support/factories';
import { createTestDb, type TestDb } from '../support/test-db';

const NOW = Date.UTC(2026, 10, 29, 12);
const MINUTE = 60_000;
let t: TestDb;
let userId: string;

beforeAll(async () => {
	t = await createTestDb();
	userId = (await createUser(t.db, { role: 'support' })).id;
});
afterAll(() => t.client.close());

async function session(id: string, idleExpiresAt: number, absoluteExpiresAt = idleExpiresAt) {
	await t.db.insert(sessions).values({
		id,
		userId,
		createdAt: idleExpiresAt - 60 * MINUTE,
		lastUsedAt: idleExpiresAt - 15 * MINUTE,
		idleExpiresAt,
		absoluteExpiresAt
	});
}

async function idempotencyKey(key: string, createdAt: number) {
	await t.db
		.insert(idempotencyKeys)
		.values({ scope: 'user:x', key, requestHash: 'h', status: 200, body: '{}', createdAt });
}

const ids = async (table: typeof sessions | typeof rateLimits | typeof idempotencyKeys) =>
	(
		await t.db.all<{ id: string }>(
			table === sessions
				? sql`SELECT id FROM sessions ORDER BY id`
				: table === rateLimits
					? sql`SELECT key AS id FROM rate_limits ORDER BY key`
					: sql`SELECT key AS id FROM idempotency_keys ORDER BY key`
		)
	).map((row) => row.id);

describe('pruneExpired (happy)', () => {
	it('removes what expired past its retention in one batch and keeps everything else', async () => {
		await session('gone-idle', NOW - EXPIRED_SESSION_GRACE_MS - MINUTE);
		await session('gone-absolute', NOW + MINUTE, NOW - EXPIRED_SESSION_GRACE_MS - MINUTE);
		await session('recently-expired', NOW - MINUTE);
		await session('live', NOW + 10 * MINUTE, NOW + 60 * MINUTE);
		await t.db.insert(rateLimits).values([
			{ key: 'old-window', windowStart: NOW - RATE_LIMIT_RETENTION_MS - MINUTE, count: 9 },
			{ key: 'open-window', windowStart: NOW - MINUTE, count: 3 }
		]);
		await idempotencyKey('old-key', NOW - IDEMPOTENCY_RETENTION_MS - MINUTE);
		await idempotencyKey('kept-key', NOW - IDEMPOTENCY_RETENTION_MS + MINUTE);

		const trips: RoundTrips = { count: 0 };
		const db = drizzleOver(countingClient(t.client, trips));
		const pruned = await pruneExpired({ ctx: jobCtx(db, 'prune-expired', NOW, null) });

		expect(pruned).toEqual({ sessions: 2, rateLimits: 1, idempotencyKeys: 1 });
		expect(trips.count).toBe(1);
		expect(await ids(sessions)).toEqual(['live', 'recently-expired']);
		expect(await ids(rateLimits)).toEqual(['open-window']);
		expect(await ids(idempotencyKeys)).toEqual(['kept-key']);
	});

	it('keeps an Idempotency-Key longer than a long weekend offline', () => {
		expect(IDEMPOTENCY_RETENTION_MS).toBeGreaterThan(4 * 24 * 60 * MINUTE);
	});
});

describe('runJobs (error)', () => {
	it('reports a failing job without its message and still runs the ones after it', async () => {
		const ran: string[] = [];
		const failing: Job = {
			name: 'explodes',
			cron: '* * * * *',
			everyMs: MINUTE,
			run: () =>
				Promise.reject(Object.assign(new Error('SELECT secret@example.com'), { code: 'X1' }))
		};
		const after: Job = { ...failing, name: 'after', run: async () => ran.push('after') };
		const outcomes = await runJobs({ db: t.db, jobs: [failing, after] });
		expect(outcomes).toEqual([
			{ job: 'explodes', ok: false, error: 'Error X1' },
			{ job: 'after', ok: true, result: 1 }
		]);
		expect(ran).toEqual(['after']);
	});
});

describe('the schedule', () => {
	it('wrangler.toml declares exactly the crons the jobs run on', () => {
		const toml = readFileSync('wrangler.toml', 'utf8');
		const crons = /^\[triggers\][^[]*?^crons\s*=\s*\[([^\]]*)\]/ms.exec(toml)?.[1] ?? '';
		const declared = [...crons.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
		expect(declared.sort()).toEqual(cronSchedules().sort());
	});

	it('every job runs on a cron that selects it, and sealing comes last', () => {
		for (const cron of cronSchedules()) expect(jobsFor(cron).length).toBeGreaterThan(0);
		expect(JOBS.at(-1)!.name).toBe('seal-audit');
		expect(jobsFor('1 2 3 4 5')).toEqual([]);
	});

	it('all jobs in one run: the purge is recorded and the seal chains its entry', async () => {
		const outcomes = await runJobs({ db: t.db, jobs: JOBS, dataKey: TEST_DATA_KEY });
		expect(outcomes.map((o) => [o.job, o.ok])).toEqual([
			['prune-expired', true],
			['flush-refusals', true],
			['reconcile-payments', true],
			['retry-webhooks', true],
			['send-refunds', true],
			['expire-unpaid-orders', true],
			['purge-audit', true],
			['refresh-duplicates', true],
			['deliver-webhooks', true],
			['expire-returns', true],
			['deliver-notifications', true],
			['seal-audit', true]
		]);
		const [purge] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'audit.purge'));
		expect(purge).toMatchObject({ actorType: 'system', hash: expect.any(String) });
		const unsealed = await t.db.all<{ n: number }>(
			sql`SELECT count(*) AS n FROM audit_log WHERE hash IS NULL`
		);
		expect(unsealed[0]!.n).toBe(0);
	});
});
