import { sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { timelineEvents, type TimelineEntityKind } from '../../../db/schema/orders';
import type { Ctx } from '../../core/context';

// The timeline is for people (the audit log is for security): one attributed event per
// change to an order, payment, shipment (later return, case, customer), put in the SAME
// batch as the change. Public (eslint.config.js): payments and fulfilment write it too.

export type TimelineInput = {
	entityKind: TimelineEntityKind;
	entityId: string;
	/** The order it belongs to (NULL for a customer's own events). */
	orderId: string | null;
	/** The customer; a scalar subquery when the caller has only the order in the batch. */
	customerId?: string | SQL | null;
	/** `order.placed`, `order.on_hold`, `order.cancelled`, `payment.succeeded`, `shipment.shipped`… */
	kind: `${string}.${string}`;
	/** One sentence a rep can read out: "Put on hold: customer asked to wait". */
	summary: string;
	/** Facts for the UI; an SQL JSON expression when they are read inside the batch (a new version). */
	data?: Record<string, unknown> | SQL;
	/** A payment provider acting through a verified webhook: { kind: 'provider', label: 'Stripe' }. */
	actor?: { kind: 'provider' | 'system'; id?: string | null; label: string };
};

function actorOf(ctx: Ctx): {
	kind: 'user' | 'api_key' | 'system';
	id: string | null;
	label: string;
} {
	if (ctx.actor?.kind === 'user') return { kind: 'user', id: ctx.actor.id, label: ctx.actor.name };
	if (ctx.actor?.kind === 'api_key') return { kind: 'api_key', id: ctx.actor.id, label: 'API key' };
	return { kind: 'system', id: null, label: 'Ordo' };
}

/** The customer of an order written earlier in the same batch. */
export const customerOfOrder = (orderId: string): SQL =>
	sql`(SELECT customer_id FROM orders WHERE id = ${orderId})`;

export function timelineEvent(ctx: Ctx, input: TimelineInput): BatchItem<'sqlite'> {
	const actor = input.actor
		? { kind: input.actor.kind, id: input.actor.id ?? null, label: input.actor.label }
		: actorOf(ctx);
	return ctx.db.insert(timelineEvents).values({
		id: crypto.randomUUID(),
		at: ctx.now,
		actorKind: actor.kind,
		actorId: actor.id,
		actorLabel: actor.label,
		entityKind: input.entityKind,
		entityId: input.entityId,
		orderId: input.orderId,
		customerId: input.customerId ?? (input.orderId ? customerOfOrder(input.orderId) : null),
		kind: input.kind,
		summary: input.summary,
		data: input.data ?? {}
	});
}
