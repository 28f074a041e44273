import type { SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { outboundEvents } from '../../../db/schema/events';
import type { Ctx } from '../../core/context';

// The outbound webhooks' outbox seam (public: eslint.config.js). A feature that changes
// something the shop's other systems follow adds `emitEvent(ctx, …)` to the batch that
// makes the change, exactly as it adds timelineEvent() and auditEntry(): the event is
// stored if and only if the change is. Delivery (signing, retries, the log) reads the
// table later and never blocks the request.

export type OutboundEventType =
	'stock.changed' | 'stock.low' | `order.${string}` | `return.${string}` | `refund.${string}`;

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
