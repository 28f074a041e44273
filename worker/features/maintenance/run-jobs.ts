import type { Db } from '../../../db/client';
import { systemCtx, type Bindings, type Ctx } from '../../core/context';
import type { Job } from './jobs';

export type JobOutcome =
	{ job: string; ok: true; result: unknown } | { job: string; ok: false; error: string };

/**
 * The context a job acts in: systemCtx (whose request id makes the audit log name the
 * system as the actor), coming from the scheduler rather than the CLI.
 */
export function jobCtx(db: Db, job: string, now: number, dataKey: string | null): Ctx {
	return {
		...systemCtx(db, now, dataKey),
		origin: { ip: null, userAgent: `ordo-scheduler/${job}` }
	};
}

/**
 * Runs the jobs one after another. A failing job is reported and does not stop the
 * others: a locked table must not keep the audit log from being sealed. What is logged
 * of a failure is the error's name and code only, never its message (a driver's message
 * can quote SQL parameters, i.e. personal data).
 */
export async function runJobs({
	db,
	jobs,
	dataKey = null,
	env = {},
	now = () => Date.now()
}: {
	db: Db;
	jobs: readonly Job[];
	dataKey?: string | null;
	env?: Bindings;
	now?: () => number;
}): Promise<JobOutcome[]> {
	const outcomes: JobOutcome[] = [];
	for (const job of jobs) {
		try {
			const result = await job.run(jobCtx(db, job.name, now(), dataKey), env);
			outcomes.push({ job: job.name, ok: true, result });
		} catch (error) {
			const e = error as { name?: unknown; code?: unknown; cause?: { code?: unknown } };
			const code = e.code ?? e.cause?.code ?? '';
			outcomes.push({
				job: job.name,
				ok: false,
				error: `${String(e.name)} ${String(code)}`.trim()
			});
		}
	}
	return outcomes;
}

/** One log line per job run. */
export function describeOutcome(outcome: JobOutcome): string {
	return outcome.ok
		? `job ${outcome.job}: ${JSON.stringify(outcome.result)}`
		: `job ${outcome.job} failed: ${outcome.error}`;
}
