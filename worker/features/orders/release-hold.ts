import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { expectVersion } from '../../core/preconditions';
import { auditEntry } from '../audit/record';
import { checkSeenVersion, readOrder, summaryOf } from './internal';
import { decideReleaseHold, statusLabel } from './lifecycle';
import type { OrderSummary, ReleaseHold } from './schemas';
import { timelineEvent } from './timeline';
import { emitOrderEvent } from '../webhooks/emit';

/** Lets a held order carry on from where it was stopped. */
export async function releaseHold({
	ctx,
	id,
	input
}: {
	ctx: Ctx;
	id: string;
	input: ReleaseHold;
}): Promise<OrderSummary> {
	const order = await readOrder(ctx, id);
	checkSeenVersion(order, input.version);
	const next = decideReleaseHold(order);
	return mutate<OrderSummary>(ctx, {
		writes: [
			expectVersion(ctx, 'order', id, order.version),
			ctx.db.run(
				sql`UPDATE orders SET status = ${next.status}, held_from = NULL, hold_reason = NULL,
					version = version + 1, updated_at = ${ctx.now}
					WHERE id = ${id}`
			),
			timelineEvent(ctx, {
				entityKind: 'order',
				entityId: id,
				orderId: id,
				customerId: order.customerId,
				kind: 'order.hold_released',
				summary: `Hold released: back to ${statusLabel(next.status)}`,
				data: { to: next.status }
			}),
			emitOrderEvent(ctx, 'order.hold_released', id),
			auditEntry(ctx, {
				action: 'order.release_hold',
				target: { type: 'order', id },
				details: { from: order.status, to: next.status }
			})
		],
		result: summaryOf(id)
	});
}
