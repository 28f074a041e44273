import type { Ctx } from '../../core/context';
import { purgeAudit } from '../audit/purge-audit';
import { sealAuditLog } from '../audit/seal-audit-log';
import { flushRefusalWindows } from '../auth/flush-refusals';
import { refreshDuplicatesJob } from '../customers/duplicates/refresh-duplicates';
import { pruneExpired } from './prune-expired';

/**
 * Work nobody asks for over HTTP. The Worker runs each job on its `cron` (Cron Triggers,
 * wrangler.toml lists the same expressions; a test keeps them in step) and the embedded
 * server every `everyMs` from one process (scripts/serve/jobs.ts). Later features add
 * webhook retries and reservation expiry here. Within one run, jobs go in this order:
 * sealing last, so the entries the jobs before it wrote are chained in the same run.
 */
export type Job = {
	name: string;
	cron: string;
	everyMs: number;
	run: (ctx: Ctx) => Promise<unknown>;
};

const QUARTER_HOUR_MS = 15 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

export const JOBS: readonly Job[] = [
	{
		name: 'prune-expired',
		cron: '*/15 * * * *',
		everyMs: QUARTER_HOUR_MS,
		run: (ctx) => pruneExpired({ ctx })
	},
	// PCI DSS 10.2.1.4: each closed window of refused requests becomes one audit entry
	// with its full count, and its counter row goes (access_refusals stays small).
	{
		name: 'flush-refusals',
		cron: '*/15 * * * *',
		everyMs: QUARTER_HOUR_MS,
		run: (ctx) => flushRefusalWindows({ ctx })
	},
	// PCI DSS 10.5.1: entries past the retention go daily, at a quiet hour (UTC).
	// Each run records itself as `audit.purge`, so the log shows the retention is enforced.
	{ name: 'purge-audit', cron: '40 3 * * *', everyMs: DAY_MS, run: (ctx) => purgeAudit({ ctx }) },
	// Customers changed since the duplicate finder last looked (the review list also
	// refreshes on open); bounded per run so an import of 100,000 rows spreads over runs.
	{
		name: 'refresh-duplicates',
		cron: '*/15 * * * *',
		everyMs: QUARTER_HOUR_MS,
		run: (ctx) => refreshDuplicatesJob({ ctx })
	},
	// Requests seal their own entries after responding; this catches any a lost
	// `waitUntil` or a crashed process left unsealed, and the purge's own entry.
	{
		name: 'seal-audit',
		cron: '*/15 * * * *',
		everyMs: QUARTER_HOUR_MS,
		run: (ctx) => sealAuditLog({ db: ctx.db, dataKey: ctx.dataKey })
	}
];

/** The cron expressions wrangler.toml must declare, once each. */
export function cronSchedules(jobs: readonly Job[] = JOBS): string[] {
	return [...new Set(jobs.map((job) => job.cron))];
}
