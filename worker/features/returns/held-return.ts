import { sql } from 'drizzle-orm';
import { returnLines, returns } from '../../../db/schema/returns';
import { actorId, type Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import { timelineEvent } from '../orders/timeline';
import { summaryOfReturn } from './internal';
import type { CreateHeldReturn, ReturnSummary } from './schemas';

/**
 * A parcel or a call about an item whose order cannot be found: a return HELD for review,
 * from the SKU alone (no order, no decision, nothing authorised). A person later matches it
 * to an order line (match-held-return.ts), and the policy decides then. One batch.
 */
export async function createHeldReturn({
	ctx,
	input
}: {
	ctx: Ctx;
	input: CreateHeldReturn;
}): Promise<ReturnSummary> {
	const id = crypto.randomUUID();
	const reviewReason = `Started from SKU ${input.sku}: the order could not be found. Match it to an order line.`;
	return mutate<ReturnSummary>(ctx, {
		status: 201,
		writes: [
			ctx.db.run(sql`UPDATE counters SET value = value + 1 WHERE name = 'return_number'`),
			ctx.db.insert(returns).values({
				id,
				number: sql`(SELECT 'RET-' || value FROM counters WHERE name = 'return_number')`,
				customerId: input.customerId ?? null,
				channel: ctx.actor?.kind === 'api_key' ? 'web' : 'phone',
				status: 'held',
				reviewReason,
				notes: input.note,
				requestedById: actorId(ctx),
				createdAt: ctx.now,
				updatedAt: ctx.now
			}),
			ctx.db.insert(returnLines).values({
				returnId: id,
				line: 1,
				productId: sql`(SELECT id FROM products WHERE sku = ${input.sku})`,
				sku: input.sku,
				quantity: input.quantity,
				status: 'requested',
				reasonCode: input.reasonCode ?? null,
				note: input.note
			}),
			timelineEvent(ctx, {
				entityKind: 'return',
				entityId: id,
				orderId: null,
				customerId: input.customerId ?? null,
				kind: 'return.held',
				summary: `Return held for review: ${input.quantity} × ${input.sku}, order not found`,
				data: { returnId: id, sku: input.sku }
			}),
			auditEntry(ctx, {
				action: 'return.hold',
				target: { type: 'return', id },
				details: { sku: input.sku, quantity: input.quantity, customerId: input.customerId ?? null }
			})
		],
		result: summaryOfReturn(id)
	});
}
