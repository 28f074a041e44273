import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { expectVersion } from '../../core/preconditions';
import { auditEntry } from '../audit/record';
import { checkSeenVersion, readOrder, summaryOf } from './internal';
import { decideHold } from './lifecycle';
import type { HoldOrder, OrderSummary } from './schemas';
import { timelineEvent } from './timeline';
import { emitOrderEvent } from '../webhooks/emit';

/** Stops an order where it is (payment query, suspected fraud); it keeps its stock. */
export async function holdOrder({
	ctx,
	id,
	input
}: {
	ctx: Ctx;
	id: string;
	input: HoldOrder;
}): Promise<OrderSummary> {
	const order = await readOrder(ctx, id);
	checkSeenVersion(order, input.version);
	const next = decideHold(order);
	return mutate<OrderSummary>(ctx, {
		writes: [
			expectVersion(ctx, 'order', id, order.version),
			ctx.db.run(
				sql`UPDATE orders SET status = ${next.status}, held_from = ${next.heldFrom},
					hold_reason = ${input.reason}, version = version + 1, updated_at = ${ctx.now}
					WHERE id = ${id}`
			),
			timelineEvent(ctx, {
				entityKind: 'order',
				entityId: id,
				orderId: id,
				customerId: order.customerId,
				kind: 'order.on_hold',
				summary: `Put on hold: ${input.reason}`,
				data: { from: order.status }
			}),
			emitOrderEvent(ctx, 'order.on_hold', id, { from: order.status }),
			auditEntry(ctx, {
				action: 'order.hold',
				target: { type: 'order', id },
				details: { from: order.status, to: next.status }
			})
		],
		result: summaryOf(id)
	});
}
