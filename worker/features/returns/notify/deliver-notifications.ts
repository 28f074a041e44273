import { sql } from 'drizzle-orm';
import type { Bindings, Ctx } from '../../../core/context';
import { notificationSender, type NotificationSender, type SendResult } from './sender';

/** Messages claimed per round, and rounds per run (a run stays well inside a minute). */
const CLAIM = 50;
const ROUNDS = 10;
/** A claimed message whose runner died is due again after this (counted as a try). */
const LEASE_MS = 5 * 60_000;
/** After this many tries the message is 'failed' for a person to see (about 4 hours). */
export const MAX_NOTIFICATION_ATTEMPTS = 8;

/** Try n (1-based) failed: wait 2^(n-1) minutes, at most an hour, times 0.8–1.2. */
export function notificationRetryMs(attempts: number, random: number): number {
	const base = Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000);
	return Math.round(base * (0.8 + 0.4 * random));
}

type Claimed = {
	id: string;
	attempts: number;
	template: string;
	channel: 'email' | 'sms';
	to: string | null;
	subject: string;
	body: string;
	createdAt: number;
};

export type NotificationRun = {
	sender: string;
	sent: number;
	retrying: number;
	failed: number;
	skipped?: string;
};

/**
 * The `deliver-notifications` job: pending customer notifications go to the configured
 * sender (sender.ts). Each claim is one statement that leases the rows (attempts + 1,
 * due again after LEASE_MS), so two runners never send one message twice at once; each
 * round's outcomes are one batch. What the run returns (and the scheduler logs) is counts
 * only: never an address, a subject or a body (personal data stays in the database).
 */
export async function deliverNotifications({
	ctx,
	env = {},
	random = Math.random,
	fetcher
}: {
	ctx: Ctx;
	env?: Bindings;
	random?: () => number;
	fetcher?: typeof fetch;
}): Promise<NotificationRun> {
	const choice = notificationSender(env, { fetcher });
	if (!choice.ok)
		return { sender: 'none', sent: 0, retrying: 0, failed: 0, skipped: choice.reason };
	const { sender } = choice;
	const run: NotificationRun = { sender: sender.via, sent: 0, retrying: 0, failed: 0 };
	for (let round = 0; round < ROUNDS; round++) {
		const claimed = await claimDue(ctx);
		if (claimed.length === 0) break;
		const results = await Promise.all(claimed.map((n) => sendOne(sender, n)));
		const [first, ...rest] = claimed.map((n, i) =>
			recordOutcome(ctx, sender, n, results[i]!, random(), run)
		);
		await ctx.db.batch([first!, ...rest]);
		if (claimed.length < CLAIM) break;
	}
	return run;
}

async function sendOne(sender: NotificationSender, n: Claimed): Promise<SendResult> {
	try {
		return await sender.send(n);
	} catch {
		return { ok: false, retry: true, error: 'The sender failed unexpectedly' };
	}
}

async function claimDue(ctx: Ctx): Promise<Claimed[]> {
	return ctx.db.all<Claimed>(sql`UPDATE customer_notifications
		SET attempts = attempts + 1, next_attempt_at = ${ctx.now + LEASE_MS}
		WHERE id IN (SELECT id FROM customer_notifications
			WHERE status = 'pending' AND coalesce(next_attempt_at, 0) <= ${ctx.now}
			ORDER BY created_at LIMIT ${CLAIM})
		RETURNING id, attempts, template, channel, subject, body, created_at AS createdAt,
			(SELECT CASE customer_notifications.channel WHEN 'sms' THEN c.phone ELSE c.email END
				FROM customers c WHERE c.id = customer_notifications.customer_id) AS "to"`);
}

/** The row's new state; the WHERE keeps the claim's attempt count (a newer claim wins). */
function recordOutcome(
	ctx: Ctx,
	sender: NotificationSender,
	n: Claimed,
	result: SendResult,
	jitter: number,
	run: NotificationRun
) {
	const mine = sql`id = ${n.id} AND attempts = ${n.attempts} AND status = 'pending'`;
	if (result.ok) {
		run.sent++;
		return ctx.db.run(sql`UPDATE customer_notifications SET status = 'sent', sent_at = ${ctx.now},
			sent_via = ${sender.via}, next_attempt_at = NULL, last_error = NULL WHERE ${mine}`);
	}
	const failed = !result.retry || n.attempts >= MAX_NOTIFICATION_ATTEMPTS;
	if (failed) run.failed++;
	else run.retrying++;
	return ctx.db.run(sql`UPDATE customer_notifications SET status = ${failed ? 'failed' : 'pending'},
		sent_via = ${sender.via},
		next_attempt_at = ${failed ? null : ctx.now + notificationRetryMs(n.attempts, jitter)},
		last_error = ${result.error} WHERE ${mine}`);
}
