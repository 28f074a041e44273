import type { Bindings, Ctx } from '../../core/context';
import { purgeAudit } from '../audit/purge-audit';
import { sealAuditLog } from '../audit/seal-audit-log';
import { flushRefusalWindows } from '../auth/flush-refusals';
import { expireUnpaidOrders } from '../orders/expire-unpaid';
import { reconcilePayments, retryWebhooks, sendPendingRefunds } from '../payments/scheduled';
import { refreshDuplicatesJob } from '../customers/duplicates/refresh-duplicates';
import { deliverWebhooks } from '../webhooks/deliver-webhooks';
import { expireReturns } from '../returns/expire-returns';
import { deliverNotifications } from '../returns/notify/deliver-notifications';
import { pruneExpired } from './prune-expired';
import { withProvider } from './with-provider';

/**
 * Work nobody asks for over HTTP. The Worker runs each job on its `cron` (Cron Triggers,
 * wrangler.toml lists the same expressions; a test keeps them in step) and the embedded
 * server every `everyMs` from one process (scripts/serve/jobs.ts). Within one run, jobs go
 * in this order: the payment jobs before reservation expiry (a payment the provider took
 * is applied before its order could be cancelled as unpaid), sealing last, so the entries
 * the jobs before it wrote are chained in the same run. `env` is the Worker's bindings (the
 * process env in the embedded server): the payment jobs configure the provider from it.
 */
export type Job = {
	name: string;
	cron: string;
	everyMs: number;
	run: (ctx: Ctx, env: Bindings) => Promise<unknown>;
};

const MINUTE_MS = 60_000;
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
	// Lost webhooks (issue 7): payments still pending past their expected time are read
	// from the provider and applied; inbox events that failed to apply are retried with
	// backoff; refunds recorded but not sent (a cancellation's) go to the provider.
	{
		name: 'reconcile-payments',
		cron: '*/15 * * * *',
		everyMs: QUARTER_HOUR_MS,
		run: (ctx, env) => withProvider(env, (provider) => reconcilePayments({ ctx, provider }))
	},
	{
		name: 'retry-webhooks',
		cron: '*/15 * * * *',
		everyMs: QUARTER_HOUR_MS,
		run: (ctx, env) => withProvider(env, (provider) => retryWebhooks({ ctx, provider }))
	},
	{
		name: 'send-refunds',
		cron: '*/15 * * * *',
		everyMs: QUARTER_HOUR_MS,
		run: (ctx, env) => withProvider(env, (provider) => sendPendingRefunds({ ctx, provider }))
	},
	// Reservation expiry: unpaid orders past their link or hold give their stock back.
	{
		name: 'expire-unpaid-orders',
		cron: '*/15 * * * *',
		everyMs: QUARTER_HOUR_MS,
		run: (ctx) => expireUnpaidOrders({ ctx })
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
	// Outbound webhooks (issue 8): new events fanned out to endpoints, due deliveries sent,
	// failures retried with backoff. Every minute, so a receiver hears within about one.
	{
		name: 'deliver-webhooks',
		cron: '* * * * *',
		everyMs: MINUTE_MS,
		run: (ctx, env) => deliverWebhooks({ ctx, env })
	},
	// Returns (issue 11): authorised returns past their expiry with nothing received.
	{
		name: 'expire-returns',
		cron: '*/15 * * * *',
		everyMs: QUARTER_HOUR_MS,
		run: (ctx) => expireReturns({ ctx })
	},
	// Customer notifications (issue 11): pending messages to the configured sender (the
	// embedded default marks them shown in Ordo), failures retried with backoff.
	{
		name: 'deliver-notifications',
		cron: '* * * * *',
		everyMs: MINUTE_MS,
		run: (ctx, env) => deliverNotifications({ ctx, env })
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
