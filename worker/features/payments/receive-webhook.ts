import { and, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { orderLines, orders } from '../../../db/schema/orders';
import { payments, refunds, webhookInbox } from '../../../db/schema/payments';
import type { Ctx } from '../../core/context';
import { Conflict } from '../../core/errors';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import { release } from '../inventory/ledger';
import { recordRefundIntent } from '../orders/refund-seam';
import { decideWebhook, type Plan, type Snapshot } from './decide-webhook';
import { precondition, timelineEvent, type TimelineActor } from './internal';
import type { Provider, ProviderEvent } from './provider';
import type { WebhookReceipt } from './schemas';
import { emitOrderEvent } from '../webhooks/emit';

/**
 * The payment an event is about: by checkout session; for refunds, the payment of the
 * refund Ordo recorded under that provider reference, else by payment intent.
 */
function paymentWhere(provider: Provider, event: ProviderEvent) {
	const ours = eq(payments.provider, provider.name);
	if (event.kind === 'session') return and(ours, eq(payments.providerRef, event.session.id));
	const refs = event.kind === 'refunds' ? event.refunds.map((r) => r.id) : [];
	const intent = event.kind === 'refunds' ? (event.refunds[0]?.paymentIntent ?? '') : '';
	const byRefund = sql`(SELECT payment_id FROM refunds WHERE provider_ref IN ${refs.length ? refs : ['']} LIMIT 1)`;
	return and(
		ours,
		or(
			eq(payments.id, byRefund),
			and(sql`${byRefund} IS NULL`, eq(payments.paymentIntentRef, intent))
		)
	);
}

async function readSnapshot(ctx: Ctx, provider: Provider, event: ProviderEvent) {
	const { db } = ctx;
	const where = paymentWhere(provider, event);
	const orderId = db.select({ id: payments.orderId }).from(payments).where(where).limit(1);
	const refundRefs = event.kind === 'refunds' ? event.refunds.map((r) => r.id) : [];
	const [seen, paymentRows, orderRows, lines, live, refundRows] = await db.batch([
		db
			.select({ id: webhookInbox.id })
			.from(webhookInbox)
			.where(and(eq(webhookInbox.provider, provider.name), eq(webhookInbox.eventId, event.id))),
		db.select().from(payments).where(where).limit(1),
		db
			.select()
			.from(orders)
			.where(eq(orders.id, sql`(${orderId})`)),
		db
			.select({
				productId: orderLines.productId,
				locationId: orderLines.locationId,
				open: sql<number>`${orderLines.quantity} - ${orderLines.quantityShipped}`
			})
			.from(orderLines)
			.where(and(eq(orderLines.orderId, sql`(${orderId})`), eq(orderLines.kind, 'product'))),
		db
			.select({ id: payments.id, providerRef: payments.providerRef })
			.from(payments)
			.where(
				and(
					eq(payments.orderId, sql`(${orderId})`),
					inArray(payments.status, ['pending', 'succeeded', 'partially_refunded'])
				)
			),
		db
			.select()
			.from(refunds)
			.where(inArray(refunds.providerRef, refundRefs.length ? refundRefs : ['']))
	]);
	const payment = paymentRows[0] ?? null;
	const snapshot: Snapshot = {
		payment,
		order: orderRows[0] ?? null,
		otherLivePayments: live.filter((p) => p.id !== payment?.id).length,
		lines: lines.flatMap((l) =>
			l.productId && l.locationId
				? [{ productId: l.productId, locationId: l.locationId, open: l.open }]
				: []
		),
		// Only this payment's refunds: a reference elsewhere is not this event's to settle.
		refunds: refundRows.filter((r) => r.paymentId === payment?.id)
	};
	return { duplicate: seen.length > 0, snapshot };
}

function writePlan(ctx: Ctx, plan: Plan, s: Snapshot, actor: TimelineActor): BatchItem<'sqlite'>[] {
	const { db } = ctx;
	const writes: BatchItem<'sqlite'>[] = [];
	const { payment, order } = s;
	if (!payment) return writes;
	if (plan.payment) {
		writes.push(
			precondition(ctx, 'payment', payment.id, payment.version),
			db
				.update(payments)
				.set({ ...plan.payment, version: payment.version + 1, updatedAt: ctx.now })
				.where(eq(payments.id, payment.id))
		);
	}
	if (order && plan.order) {
		const { cancelled, ...set } = plan.order;
		writes.push(
			precondition(ctx, 'order', order.id, order.version),
			db
				.update(orders)
				.set({
					...set,
					...(cancelled ? { cancelledAt: ctx.now } : {}),
					version: order.version + 1,
					updatedAt: ctx.now
				})
				.where(eq(orders.id, order.id))
		);
	}
	for (const line of plan.release) {
		writes.push(
			...release(db, {
				...line,
				quantity: line.open,
				reason: `payment link expired for order ${order?.number ?? ''}`.trim(),
				reference: order?.number ?? null,
				at: ctx.now
			})
		);
	}
	if (plan.refundLate)
		writes.push(
			recordRefundIntent(ctx, {
				paymentId: payment.id,
				orderId: payment.orderId,
				amountMinor: plan.refundLate.amountMinor,
				reason: 'Paid after the order was cancelled',
				idempotencyKey: `late:${payment.id}`
			})
		);
	for (const r of plan.refunds) {
		writes.push(
			db
				.update(refunds)
				.set({ status: r.status, failureReason: r.failureReason, updatedAt: ctx.now })
				.where(and(eq(refunds.id, r.id), ne(refunds.status, r.status)))
		);
	}
	// Outbound webhooks: the order's own changes, after the writes that made them.
	if (plan.order?.status === 'paid')
		writes.push(emitOrderEvent(ctx, 'order.paid', payment.orderId));
	for (const note of plan.timeline) {
		if (note.kind.startsWith('order.') || note.kind.startsWith('refund.'))
			writes.push(emitOrderEvent(ctx, note.kind as `order.${string}`, payment.orderId));
		writes.push(
			timelineEvent(ctx, {
				actor,
				entityKind: note.entity,
				entityId: note.entity === 'order' ? payment.orderId : payment.id,
				orderId: payment.orderId,
				customerId: order?.customerId ?? null,
				kind: note.kind,
				summary: note.summary,
				data: note.data
			})
		);
	}
	return writes;
}

/**
 * Events carry the session, not the card: the brand and last 4 come from a status read
 * with the charge expanded. Without them the payment is still recorded as paid.
 */
async function addCard(provider: Provider, event: ProviderEvent): Promise<void> {
	if (event.kind !== 'session' || event.session.card || event.session.paymentStatus !== 'paid')
		return;
	if (event.type === 'checkout.session.expired' || event.type.endsWith('_failed')) return;
	event.session.card = await provider.getSession(event.session.id).then(
		(s) => s.card,
		() => null
	);
}

export type WebhookSource = 'webhook' | 'status_read' | 'reconcile';

/** Who the timeline names: the provider for its events, Ordo for its own checks. */
function actorFor(provider: Provider, source: WebhookSource): TimelineActor {
	return source === 'reconcile'
		? { kind: 'system', id: null, label: 'Ordo' }
		: { kind: 'provider', id: provider.name, label: provider.label };
}

const AUDIT_ACTION = {
	webhook: 'payment.webhook',
	status_read: 'payment.status_read',
	reconcile: 'payment.reconcile'
} as const;

/**
 * A verified event: stored once in the inbox (UNIQUE provider + event id) and applied in
 * the same batch, so an event is either received and applied or not received at all (the
 * provider then retries). A duplicate, seen before or racing, changes nothing. An event
 * that cannot be applied now (its snapshot moved under it: 409) is kept in the inbox
 * unapplied and answered 2xx; the scheduled job retries it with backoff (scheduled.ts).
 * `inboxId`: that retry, which marks the stored row applied instead of inserting one.
 */
export async function receiveWebhook({
	ctx,
	provider,
	event,
	payload,
	source = 'webhook',
	inboxId
}: {
	ctx: Ctx;
	provider: Provider;
	event: ProviderEvent;
	payload: unknown;
	/** 'status_read': a person asked Ordo to read the session (refresh-payment.ts). */
	source?: WebhookSource;
	inboxId?: string;
}): Promise<WebhookReceipt> {
	const { duplicate, snapshot } = await readSnapshot(ctx, provider, event);
	if (duplicate && !inboxId)
		return { received: true, duplicate: true, outcome: 'already received' };
	await addCard(provider, event);
	const plan = decideWebhook(event, snapshot);
	const lastError = plan.outcome === 'applied' ? null : plan.outcome;
	const inbox = inboxId
		? ctx.db
				.update(webhookInbox)
				.set({ appliedAt: ctx.now, attempts: sql`${webhookInbox.attempts} + 1`, lastError })
				.where(and(eq(webhookInbox.id, inboxId), isNull(webhookInbox.appliedAt)))
		: ctx.db.insert(webhookInbox).values({
				id: crypto.randomUUID(),
				provider: provider.name,
				eventId: event.id,
				type: event.type,
				receivedAt: ctx.now,
				appliedAt: ctx.now,
				attempts: 1,
				lastError,
				payload
			});
	try {
		return await mutate<WebhookReceipt>(ctx, {
			writes: [
				inbox,
				...writePlan(ctx, plan, snapshot, actorFor(provider, source)),
				auditEntry(ctx, {
					action: AUDIT_ACTION[source],
					...(source === 'status_read' ? {} : { actor: { type: 'system' as const } }),
					target: snapshot.payment ? { type: 'payment', id: snapshot.payment.id } : undefined,
					details: {
						provider: provider.name,
						eventId: event.id,
						type: event.type,
						outcome: plan.outcome
					}
				})
			],
			result: sql`SELECT json_object('received', json('true'), 'duplicate', json('false'), 'outcome', ${plan.outcome})`
		});
	} catch (error) {
		if (error instanceof Conflict && error.code === 'webhook-duplicate')
			return { received: true, duplicate: true, outcome: 'already received' };
		if (error instanceof Conflict && source === 'webhook' && !inboxId)
			return keepForRetry(ctx, provider, event, payload, error.code);
		throw error;
	}
}

/** Stores an event that could not be applied now, for the scheduled retry. */
async function keepForRetry(
	ctx: Ctx,
	provider: Provider,
	event: ProviderEvent,
	payload: unknown,
	code: string
): Promise<WebhookReceipt> {
	await ctx.db
		.insert(webhookInbox)
		.values({
			id: crypto.randomUUID(),
			provider: provider.name,
			eventId: event.id,
			type: event.type,
			receivedAt: ctx.now,
			attempts: 1,
			lastError: code,
			payload
		})
		.onConflictDoNothing();
	return { received: true, duplicate: false, outcome: `kept: applied later (${code})` };
}
