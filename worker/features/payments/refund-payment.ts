import { sql, type SQL } from 'drizzle-orm';
import { refunds } from '../../../db/schema/payments';
import type { Ctx } from '../../core/context';
import { fromConstraintError } from '../../core/constraint-errors';
import { Conflict, NotFound } from '../../core/errors';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import { money } from './decide-webhook';
import { requestActor, timelineEvent } from './internal';
import type { Provider, RefundResult } from './provider';
import type { Refund, RefundOrder } from './schemas';
import { emitOrderEvent } from '../webhooks/emit';

type Claimed = {
	id: string;
	status: string;
	amount: number;
	paymentId: string;
	intent: string | null;
	currency: string;
	customerId: string | null;
	orderFound: number;
};

/**
 * Claims the refund first (one batch): the refunds trigger refuses one that would take
 * refunds above what was captured, so an over-refund is a 409 before the provider is
 * asked. The claim's key (the request's Idempotency-Key, else a new one) goes to the
 * provider, so a retried request is the same refund there too.
 */
async function claimRefund(ctx: Ctx, orderId: string, input: RefundOrder, key: string) {
	const { db } = ctx;
	try {
		const [, rows] = await db.batch([
			db.run(sql`INSERT INTO refunds (id, payment_id, order_id, amount_minor, reason, status,
				idempotency_key, requested_by_kind, requested_by_id, created_at, updated_at)
				SELECT ${crypto.randomUUID()}, id, order_id, ${input.amountMinor}, ${input.reason}, 'pending',
					${key}, ${requestActor(ctx).kind}, ${requestActor(ctx).id}, ${ctx.now}, ${ctx.now}
				FROM payments WHERE order_id = ${orderId} AND status IN ('succeeded', 'partially_refunded')
				ORDER BY created_at DESC LIMIT 1
				ON CONFLICT (idempotency_key) DO NOTHING`),
			db.all<Claimed>(sql`SELECT r.id, r.status, r.amount_minor AS amount, r.payment_id AS paymentId,
				p.payment_intent_ref AS intent, p.currency, o.customer_id AS customerId,
				(SELECT count(*) FROM orders WHERE id = ${orderId}) AS orderFound
				FROM (SELECT 1) LEFT JOIN refunds r ON r.idempotency_key = ${key}
				LEFT JOIN payments p ON p.id = r.payment_id LEFT JOIN orders o ON o.id = r.order_id`)
		]);
		return (rows as Claimed[])[0]!;
	} catch (error) {
		throw fromConstraintError(error) ?? error;
	}
}

export async function refundPayment({
	ctx,
	provider,
	orderId,
	input
}: {
	ctx: Ctx;
	provider: Provider;
	orderId: string;
	input: RefundOrder;
}): Promise<Refund> {
	const key = ctx.idempotency
		? `${ctx.idempotency.scope}:${ctx.idempotency.key}`
		: crypto.randomUUID();
	const claim = await claimRefund(ctx, orderId, input, key);
	if (!claim.orderFound) throw new NotFound('order-not-found', 'No such order');
	if (!claim.id)
		throw new Conflict(
			'nothing-to-refund',
			'Nothing left to refund on this order',
			'The order has no captured payment with money left on it: it is unpaid or already refunded in full.'
		);
	// The same key after a crash between the two batches: the refund is already decided.
	if (claim.status !== 'pending') return readRefund(ctx, claim.id);
	return sendRefund({ ctx, provider, claim: { ...claim, orderId }, key, reason: input.reason });
}

export type RefundClaim = Omit<Claimed, 'status' | 'orderFound'> & { orderId: string };

/**
 * Sends a claimed (pending) refund to the provider with its key as the Idempotency-Key, then
 * settles it in one batch. The request that claimed it does this at once; the scheduled job
 * (scheduled.ts) does it for a refund a cancellation recorded, or a claim a crash left.
 */
export async function sendRefund({
	ctx,
	provider,
	claim,
	key,
	reason
}: {
	ctx: Ctx;
	provider: Provider;
	claim: RefundClaim;
	key: string;
	reason: string;
}): Promise<Refund> {
	const { orderId } = claim;
	let result: RefundResult;
	if (!claim.intent)
		result = {
			status: 'failed',
			providerRef: null,
			reason: 'The provider gave no payment reference to refund'
		};
	else
		result = await provider.refund({
			paymentIntent: claim.intent,
			amountMinor: claim.amount,
			idempotencyKey: key
		});
	const done = result.status === 'succeeded';
	const failure = result.status === 'failed' ? result.reason : null;
	const what = money(claim.amount, claim.currency);
	return mutate<Refund>(ctx, {
		status: 201,
		writes: [
			// Settled once: a second sender (the job beside a retried request) fails here whole.
			ctx.db.run(sql`INSERT INTO preconditions (subject, held)
				SELECT 'payment', EXISTS (SELECT 1 FROM refunds WHERE id = ${claim.id} AND status = 'pending')`),
			ctx.db
				.update(refunds)
				.set({
					status: result.status,
					providerRef: result.providerRef,
					failureReason: failure,
					updatedAt: ctx.now
				})
				.where(sql`${refunds.id} = ${claim.id} AND ${refunds.status} = 'pending'`),
			...settle(ctx, claim, done, result.status === 'failed'),
			timelineEvent(ctx, {
				actor: requestActor(ctx),
				entityKind: 'payment',
				entityId: claim.paymentId,
				orderId,
				customerId: claim.customerId,
				kind: `refund.${result.status}`,
				summary:
					result.status === 'failed'
						? `Refund of ${what} failed: ${failure}. Refund by hand and record it.`
						: `Refund of ${what} ${done ? 'done' : 'requested'}: ${reason}`,
				data: { refundId: claim.id, amountMinor: claim.amount }
			}),
			emitOrderEvent(
				ctx,
				`refund.${result.status}`,
				orderId,
				{ refundId: claim.id, amountMinor: claim.amount },
				{ kind: 'refund', id: claim.id }
			),
			auditEntry(ctx, {
				action: 'payment.refund',
				outcome: result.status === 'failed' ? 'failure' : 'success',
				target: { type: 'payment', id: claim.paymentId },
				details: { orderId, refundId: claim.id, amountMinor: claim.amount, status: result.status }
			})
		],
		result: refundJson(claim.id)
	});
}

/** The payment and order after a refund settles (succeeded, or done by hand) or fails. */
export function settle(
	ctx: Ctx,
	claim: { paymentId: string | SQL; amount: number | SQL },
	done: boolean,
	failed: boolean
) {
	const { db } = ctx;
	if (failed)
		return [
			db.run(sql`UPDATE orders SET payment_status = 'refund_failed', version = version + 1, updated_at = ${ctx.now}
				WHERE id = (SELECT order_id FROM payments WHERE id = ${claim.paymentId})`)
		];
	if (!done) return [];
	return [
		db.run(sql`UPDATE payments SET refunded_minor = refunded_minor + ${claim.amount},
			status = CASE WHEN refunded_minor + ${claim.amount} >= captured_minor THEN 'refunded' ELSE 'partially_refunded' END,
			version = version + 1, updated_at = ${ctx.now} WHERE id = ${claim.paymentId}`),
		// A refund that still failed elsewhere on the order keeps refund_failed visible.
		db.run(sql`UPDATE orders SET payment_status = CASE
				WHEN EXISTS (SELECT 1 FROM refunds WHERE order_id = orders.id AND status = 'failed') THEN 'refund_failed'
				WHEN (SELECT refunded_minor >= captured_minor FROM payments WHERE id = ${claim.paymentId}) THEN 'refunded'
				ELSE 'partially_refunded' END,
			version = version + 1, updated_at = ${ctx.now}
			WHERE id = (SELECT order_id FROM payments WHERE id = ${claim.paymentId})`)
	];
}

async function readRefund(ctx: Ctx, id: string): Promise<Refund> {
	const rows = await ctx.db.all<{ body: string }>(sql`SELECT (${refundJson(id)}) AS body`);
	return JSON.parse(rows[0]!.body) as Refund;
}

export function refundJson(id: string) {
	return sql`SELECT json_object('id', id, 'paymentId', payment_id, 'orderId', order_id, 'amountMinor', amount_minor,
		'status', status, 'reason', reason, 'failureReason', failure_reason) FROM refunds WHERE id = ${id}`;
}
