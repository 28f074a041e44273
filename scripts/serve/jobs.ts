// The embedded server's scheduler: the Worker's Cron Triggers (worker/scheduled.ts) as
// timers in the cluster's primary process, so each job runs once however many server
// processes there are. Every job also runs once at start: a laptop that slept through
// the night prunes and purges when Ordo next starts.
import { drizzleOver, openClient } from '../../db/client';
import { migrate } from '../../db/migrate';
import { JOBS, type Job } from '../../worker/features/maintenance/jobs';
import { describeOutcome, runJobs } from '../../worker/features/maintenance/run-jobs';
import { localPath, openDatabase } from '../cli/database';

/**
 * Before any server process starts: a local file is switched to WAL (kept in the file,
 * so every later connection uses it; concurrent readers never wait for a writer) and
 * brought up to the migrations, once, instead of each process racing to.
 */
export async function prepareDatabase(url: string): Promise<void> {
	const client = await openDatabase(url);
	try {
		if (localPath(url)) await client.execute('PRAGMA journal_mode = WAL');
		await migrate(client);
	} finally {
		client.close();
	}
}

export function startJobs(url: string, jobs: readonly Job[] = JOBS): { stop(): void } {
	const client = openClient({ url, authToken: process.env.LIBSQL_AUTH_TOKEN });
	const db = drizzleOver(client);
	const dataKey = process.env.ORDO_DATA_KEY ?? null;
	let running = Promise.resolve();
	// One run at a time: a slow purge is never overlapped by the next tick's jobs.
	const run = (due: readonly Job[]) => {
		running = running
			.then(async () => {
				for (const outcome of await runJobs({ db, jobs: due, dataKey, env: process.env })) {
					(outcome.ok ? console.log : console.error)(describeOutcome(outcome));
				}
			})
			// runJobs reports each job's failure itself; nothing may end the primary.
			.catch(() => console.error('scheduled jobs could not run'));
	};
	run(jobs);
	const timers = jobs.map((job) => setInterval(() => run([job]), job.everyMs));
	return {
		stop() {
			for (const timer of timers) clearInterval(timer);
		}
	};
}
