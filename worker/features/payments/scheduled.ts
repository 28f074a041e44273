import { and, asc, eq, isNull, lt, lte, sql } from 'drizzle-orm';
import { payments, webhookInbox } from '../../../db/schema/payments';
import type { Ctx } from '../../core/context';
import { DomainError } from '../../core/errors';
import type { Provider } from './provider';
import { receiveWebhook } from './receive-webhook';
import { applySessionStatus } from './refresh-payment';
import { sendRefund, type RefundClaim } from './refund-payment';
import { readEvent } from './stripe-wire';

// The payments half of the scheduled jobs (worker/features/maintenance/jobs.ts): what a lost
// or failed webhook would otherwise leave undone. Each reads its due rows in one query, then
// asks the provider one row at a time (a provider call cannot join a batch); each row's
// write is its own decide-then-write batch, so one that fails leaves the others applied.

/** A webhook arrives within seconds; a payment still pending after this is read instead. */
export const RECONCILE_AFTER_MS = 10 * 60_000;
/** A refund a request claimed is sent by that request; after this, the job sends it. */
export const REFUND_SEND_AFTER_MS = 60_000;
/** An inbox event that failed to apply is retried after 1, 2, 4… minutes, 8 times. */
export const INBOX_RETRY_BASE_MS = 60_000;
export const INBOX_MAX_ATTEMPTS = 8;
/** Rows per run: a backlog drains over a few runs instead of one long one. */
const PER_RUN = 50;

const codeOf = (error: unknown) =>
	error instanceof DomainError ? error.code : ((error as Error)?.name ?? 'error');

export type Reconciled = { checked: number; applied: number; open: number; failed: number };

/**
 * Pending payments older than RECONCILE_AFTER_MS: the provider's status is read and applied
 * as its event would have been (the same inbox and decision, a synthetic event id), so a
 * paid order is never lost when `checkout.session.completed` never arrives, and a link
 * whose `expired` event was lost still cancels the order it held stock for. The timeline
 * names Ordo (the system) as the one who found out.
 */
export async function reconcilePayments({
	ctx,
	provider
}: {
	ctx: Ctx;
	provider: Provider;
}): Promise<Reconciled> {
	const due = await ctx.db
		.select({ ref: payments.providerRef })
		.from(payments)
		.where(
			and(
				eq(payments.provider, provider.name),
				eq(payments.status, 'pending'),
				lte(payments.createdAt, ctx.now - RECONCILE_AFTER_MS)
			)
		)
		.orderBy(asc(payments.expiresAt))
		.limit(PER_RUN);
	const done: Reconciled = { checked: due.length, applied: 0, open: 0, failed: 0 };
	for (const { ref } of due) {
		try {
			const session = await provider.getSession(ref);
			if (session.status === 'open') done.open++;
			else {
				await applySessionStatus({ ctx, provider, session, source: 'reconcile' });
				done.applied++;
			}
		} catch {
			done.failed++;
		}
	}
	return done;
}

type DueRefund = RefundClaim & { key: string; reason: string };

/**
 * Refunds recorded but never sent: a cancellation's or a late payment's refund intent
 * (orders/refund-seam.ts), or a claim whose request died before the provider answered.
 * The row's idempotency key goes to the provider, so a refund sent twice is made once.
 */
export async function sendPendingRefunds({
	ctx,
	provider
}: {
	ctx: Ctx;
	provider: Provider;
}): Promise<{ sent: number; failed: number }> {
	const due = await ctx.db.all<DueRefund>(
		sql`SELECT r.id, r.amount_minor AS amount, r.payment_id AS paymentId, r.order_id AS orderId,
			p.payment_intent_ref AS intent, p.currency, o.customer_id AS customerId,
			r.idempotency_key AS key, r.reason
			FROM refunds r JOIN payments p ON p.id = r.payment_id JOIN orders o ON o.id = r.order_id
			WHERE r.status = 'pending' AND r.provider_ref IS NULL AND p.provider = ${provider.name}
				AND r.created_at <= ${ctx.now - REFUND_SEND_AFTER_MS}
			ORDER BY r.created_at LIMIT ${PER_RUN}`
	);
	const done = { sent: 0, failed: 0 };
	for (const { key, reason, ...claim } of due) {
		try {
			await sendRefund({ ctx, provider, claim, key, reason });
			done.sent++;
		} catch {
			done.failed++;
		}
	}
	return done;
}

/** When an inbox row that failed `attempts` times is due again (1, 2, 4… minutes). */
export function nextRetryAt(receivedAt: number, attempts: number): number {
	return receivedAt + INBOX_RETRY_BASE_MS * (2 ** attempts - 1);
}

/**
 * Inbox events stored but not applied (their snapshot moved under them, receive-webhook.ts)
 * are applied again with backoff; after INBOX_MAX_ATTEMPTS the row stays with its last
 * error for a person to see, and no more tries.
 */
export async function retryWebhooks({
	ctx,
	provider
}: {
	ctx: Ctx;
	provider: Provider;
}): Promise<{ retried: number; applied: number; failed: number }> {
	const rows = await ctx.db
		.select()
		.from(webhookInbox)
		.where(
			and(
				isNull(webhookInbox.appliedAt),
				eq(webhookInbox.provider, provider.name),
				lt(webhookInbox.attempts, INBOX_MAX_ATTEMPTS)
			)
		)
		.orderBy(asc(webhookInbox.receivedAt))
		.limit(PER_RUN);
	const due = rows.filter((row) => nextRetryAt(row.receivedAt, row.attempts) <= ctx.now);
	const done = { retried: due.length, applied: 0, failed: 0 };
	for (const row of due) {
		const event = readEvent(row.payload);
		try {
			if (!event) throw new Error('unreadable');
			await receiveWebhook({ ctx, provider, event, payload: row.payload, inboxId: row.id });
			done.applied++;
		} catch (error) {
			done.failed++;
			await ctx.db
				.update(webhookInbox)
				.set({
					attempts: event ? sql`${webhookInbox.attempts} + 1` : INBOX_MAX_ATTEMPTS,
					lastError: event ? codeOf(error) : 'unreadable event'
				})
				.where(eq(webhookInbox.id, row.id));
		}
	}
	return done;
}
