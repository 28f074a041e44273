// The built Worker in workerd (`npm run test:edge`, after `vite build`): wrangler runs
// .svelte-kit/cloudflare/_worker.js with its assets, as `wrangler deploy` would ship
// it, against the Hrana server over a fresh file seeded with the demo shop, and real
// HTTP requests walk a person's first minute: the page, the PWA files, health,
// sign-in, search, a product. Only 127.0.0.1 is ever contacted. The closing line
// `N passed, N failed` is for CI; any failure exits non-zero.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { migrations } from '../../db/migrations.generated';
import { DEMO_USERS, seed } from '../../scripts/seed/index';
import { startHranaServer, type HranaServer } from '../../scripts/hrana/server';
import { TEST_DATA_KEY } from '../support/factories';
import { pageChecks, pwaChecks, type Check } from './built-worker-checks';

// Only loopback traffic: no telemetry, and no fetch of the `Request.cf` sample from
// workers.cloudflare.com (miniflare then uses its built-in placeholder). Set before
// wrangler loads, hence its dynamic import below.
process.env.WRANGLER_SEND_METRICS = 'false';
process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false';

const WORKER = '.svelte-kit/cloudflare/_worker.js';
const DEADLINE_MS = 150_000;

let passed = 0;
let failed = 0;
// The running worker, so that every way out (done, deadline, Ctrl-C) disposes it: workerd
// is a child process and outlives a plain process.exit (issue 6 §5).
let running: Running | undefined;

async function finish(): Promise<never> {
	const disposing = running?.dispose();
	running = undefined;
	if (disposing) {
		await Promise.race([disposing, new Promise((wait) => setTimeout(wait, 10_000).unref())]);
	}
	console.log(`${passed} passed, ${failed} failed`);
	process.exit(failed > 0 ? 1 : 0);
}

async function run(name: string, check: () => Promise<string>): Promise<boolean> {
	try {
		const detail = await check();
		passed += 1;
		console.log(`  ok    ${name}${detail ? `: ${detail}` : ''}`);
		return true;
	} catch (error) {
		failed += 1;
		console.log(`  FAIL  ${name}: ${error instanceof Error ? error.message : String(error)}`);
		return false;
	}
}

type Running = { base: URL; dispose(): Promise<void> };

/** The demo shop in a new file behind the Hrana server, and the built Worker over it. */
async function start(dir: string): Promise<Running> {
	const url = `file:${join(dir, 'ordo.db')}`;
	const hrana: HranaServer = await startHranaServer({ url });
	const seeding = (async () => {
		const client = createClient({ url });
		try {
			return await seed({ client, dataKey: TEST_DATA_KEY });
		} finally {
			client.close();
		}
	})();
	const { unstable_startWorker } = await import('wrangler');
	const worker = await unstable_startWorker({
		config: 'wrangler.toml',
		bindings: {
			LIBSQL_URL: { type: 'plain_text', value: hrana.url },
			ORDO_DATA_KEY: { type: 'secret_text', value: TEST_DATA_KEY }
		},
		dev: {
			server: { hostname: '127.0.0.1', port: 0 },
			// GET /__scheduled?cron=… fires the bundle's `scheduled` handler.
			testScheduled: true,
			inspector: false,
			watch: false,
			persist: join(dir, 'state'),
			logLevel: 'warn'
		}
	});
	const dispose = async () => {
		await worker.dispose().catch(() => {});
		await hrana.close();
	};
	try {
		const [summary] = await Promise.all([seeding, worker.ready]);
		const base = await worker.url;
		console.log(`  seeded ${summary.products} products; worker at ${base.origin}`);
		return { base, dispose };
	} catch (error) {
		await dispose();
		throw error;
	}
}

/**
 * The bundle's entry exports `scheduled` (scripts/build/adapter.ts): a Cron Trigger for
 * the quarter-hour jobs prunes a session that expired long ago, written here beforehand.
 */
function scheduledCheck(base: URL, file: string): Check {
	return {
		name: 'a Cron Trigger runs the scheduled jobs (an expired session is pruned)',
		run: async () => {
			const client = createClient({ url: `file:${file}` });
			try {
				const id = `built-worker-expired-${crypto.randomUUID()}`;
				const longAgo = Date.now() - 3 * 24 * 60 * 60_000;
				await client.execute({
					sql: `INSERT INTO sessions (id, user_id, created_at, last_used_at, idle_expires_at, absolute_expires_at)
						SELECT ?, id, ?, ?, ?, ? FROM users LIMIT 1`,
					args: [id, longAgo, longAgo, longAgo, longAgo]
				});
				const res = await fetch(
					new URL(`/__scheduled?cron=${encodeURIComponent('*/15 * * * *')}`, base)
				);
				await res.arrayBuffer();
				if (res.status !== 200) throw new Error(`/__scheduled answered ${res.status}`);
				for (let tries = 0; tries < 100; tries++) {
					const left = await client.execute({
						sql: 'SELECT 1 FROM sessions WHERE id = ?',
						args: [id]
					});
					if (left.rows.length === 0) return 'the expired session was pruned';
					await new Promise((wait) => setTimeout(wait, 100));
				}
				throw new Error('the expired session is still there');
			} finally {
				client.close();
			}
		}
	};
}

async function main(): Promise<void> {
	console.log('built worker in workerd');
	const built = await run('the build exists', async () => {
		if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing; run \`npx vite build\` first`);
		return WORKER;
	});
	if (!built) return;
	const dir = mkdtempSync(join(tmpdir(), 'ordo-built-worker-'));
	try {
		await run('wrangler starts the bundle over a seeded database', async () => {
			running = await start(dir);
			return '';
		});
		if (!running) return;
		const context = {
			base: running.base,
			newestMigration: migrations.at(-1)!.tag,
			user: DEMO_USERS.find((u) => u.role === 'warehouse')!,
			serviceWorker: existsSync('web/service-worker.ts')
		};
		const checks: Check[] = [
			...pwaChecks(context),
			...pageChecks(context),
			scheduledCheck(running.base, join(dir, 'ordo.db'))
		];
		for (const check of checks) await run(check.name, check.run);
	} finally {
		const stopping = running?.dispose();
		running = undefined;
		await stopping;
		rmSync(dir, { recursive: true, force: true });
	}
}

// Bounded: a hung start or request ends the run as a failure, never a stuck CI job.
setTimeout(() => {
	failed += 1;
	console.log(`  FAIL  finished within ${DEADLINE_MS / 1000} s`);
	void finish();
}, DEADLINE_MS).unref();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
	process.once(signal, () => {
		failed += 1;
		console.log(`  FAIL  stopped by ${signal}`);
		void finish();
	});
}

main().then(finish, (error: unknown) => {
	failed += 1;
	console.log(`  FAIL  ${error instanceof Error ? error.stack : String(error)}`);
	return finish();
});
