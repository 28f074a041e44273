import { sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { outboundEvents } from '../../../db/schema/events';
import type { Ctx } from '../../core/context';

// The outbound webhooks' outbox seam (public: eslint.config.js). A feature that changes
// something the shop's other systems follow adds `emitEvent(ctx, …)` to the batch that
// makes the change, exactly as it adds timelineEvent() and auditEntry(): the event is
// stored if and only if the change is. Delivery (signing, retries, the log) reads the
// table later and never blocks the request.

export type OutboundEventType =
	| 'stock.changed'
	| 'stock.low'
	| `order.${string}`
	| `return.${string}`
	| `refund.${string}`
	| `claim.${string}`;

export type EmitInput = {
	type: OutboundEventType;
	entityKind: 'product' | 'order' | 'return' | 'refund' | 'purchase_order' | 'transfer';
	entityId: string;
	/** What receivers get under `data`; an SQL JSON expression when read inside the batch. */
	data: Record<string, unknown> | SQL;
};

export function emitEvent(ctx: Pick<Ctx, 'db' | 'now'>, input: EmitInput): BatchItem<'sqlite'> {
	return ctx.db.insert(outboundEvents).values({
		id: crypto.randomUUID(),
		type: input.type,
		entityKind: input.entityKind,
		entityId: input.entityId,
		data: input.data,
		createdAt: ctx.now
	});
}

/**
 * An `order.*` event whose data is the order as the batch leaves it (read inside the
 * batch, after the writes before it): id, number, statuses, total, customer id and version.
 * `extra` adds facts of this change (`{ reason }`, `{ amountMinor }`). No names or
 * addresses: receivers that need them read the order through the API.
 */
export function emitOrderEvent(
	ctx: Pick<Ctx, 'db' | 'now'>,
	type: `order.${string}` | `refund.${string}`,
	orderId: string,
	extra: Record<string, string | number | null> = {},
	entity: { kind: 'order' | 'refund'; id: string } = { kind: 'order', id: orderId }
): BatchItem<'sqlite'> {
	return emitEvent(ctx, {
		type,
		entityKind: entity.kind,
		entityId: entity.id,
		data: sql`(SELECT json_patch(json_object(
			'orderId', id, 'number', number, 'status', status, 'paymentStatus', payment_status,
			'fulfilmentStatus', fulfilment_status, 'totalMinor', total_minor, 'currency', currency,
			'customerId', customer_id, 'version', version), ${JSON.stringify(extra)})
			FROM orders WHERE id = ${orderId})`
	});
}
