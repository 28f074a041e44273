import { eq, sql } from 'drizzle-orm';
import { webhookDeliveries } from '../../../db/schema/webhooks';
import type { Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import { deliveriesWithEvent, deliveryJson, requireDelivery } from './internal';
import type { Delivery } from './schemas';

/**
 * Sends a delivery again, whatever its state (a dead one after the receiver is fixed, a
 * delivered one the receiver lost): back to pending with a fresh series of tries, due
 * now. The same event id goes out again, so a receiver that de-duplicates by `id` can.
 */
export async function replayDelivery({ ctx, id }: { ctx: Ctx; id: string }): Promise<Delivery> {
	return mutate<Delivery>(ctx, {
		writes: [
			requireDelivery(ctx, id),
			ctx.db
				.update(webhookDeliveries)
				.set({ status: 'pending', attempts: 0, nextAttemptAt: ctx.now, deliveredAt: null })
				.where(eq(webhookDeliveries.id, id)),
			auditEntry(ctx, {
				action: 'webhooks.delivery_replay',
				target: { type: 'webhook_delivery', id }
			})
		],
		result: sql`SELECT ${deliveryJson} FROM ${deliveriesWithEvent} WHERE ${webhookDeliveries.id} = ${id}`
	});
}
