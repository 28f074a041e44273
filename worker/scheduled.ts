// The Worker's `scheduled` handler (Cron Triggers in wrangler.toml). The build puts
// this file beside SvelteKit's server (scripts/build/server-entries.ts adds it to the SSR build) and
// the Worker's entry exports it next to SvelteKit's `fetch` (scripts/build/adapter.ts).
// The embedded server runs the same jobs on a timer (scripts/serve/jobs.ts).
import type { ExecutionContext, ScheduledController } from '@cloudflare/workers-types';
import { drizzleOver, openClient } from '../db/client';
import type { Bindings } from './core/context';
import { ensureMigrated } from './core/database';
import { JOBS, type Job } from './features/maintenance/jobs';
import { describeOutcome, runJobs, type JobOutcome } from './features/maintenance/run-jobs';

/** The jobs whose schedule fired: each declares the cron expression it runs on. */
export function jobsFor(cron: string, jobs: readonly Job[] = JOBS): Job[] {
	return jobs.filter((job) => job.cron === cron);
}

export async function runScheduled(cron: string, env: Bindings): Promise<JobOutcome[]> {
	if (!env.LIBSQL_URL) throw new Error('LIBSQL_URL is not configured');
	const client = openClient({ url: env.LIBSQL_URL, authToken: env.LIBSQL_AUTH_TOKEN });
	await ensureMigrated(client);
	const outcomes = await runJobs({
		db: drizzleOver(client),
		jobs: jobsFor(cron),
		dataKey: env.ORDO_DATA_KEY ?? null,
		env
	});
	for (const outcome of outcomes) {
		(outcome.ok ? console.log : console.error)(describeOutcome(outcome));
	}
	return outcomes;
}

export function scheduled(
	controller: ScheduledController,
	env: Bindings,
	ctx: ExecutionContext
): void {
	ctx.waitUntil(runScheduled(controller.cron, env));
}
