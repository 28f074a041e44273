import { sql } from 'drizzle-orm';
import { actorId, type Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import { transferJson } from './internal';
import type { CreateTransfer, Transfer } from './schemas';

/**
 * A draft transfer: nothing moves until it is sent. One batch: the number from the
 * `transfer_number` counter, the transfer, its lines (one per product: a product listed
 * twice adds up), the audit entry. Unknown locations or products fail the foreign keys
 * (422), two equal locations the CHECK.
 */
export async function createTransfer({
	ctx,
	input
}: {
	ctx: Ctx;
	input: CreateTransfer;
}): Promise<Transfer> {
	const { db } = ctx;
	const id = crypto.randomUUID();
	const quantities = new Map<string, number>();
	for (const l of input.lines)
		quantities.set(l.productId, (quantities.get(l.productId) ?? 0) + l.quantity);
	const lines = JSON.stringify(
		[...quantities].map(([productId, quantity]) => ({ productId, quantity }))
	);
	return mutate<Transfer>(ctx, {
		status: 201,
		writes: [
			db.run(sql`UPDATE counters SET value = value + 1 WHERE name = 'transfer_number'`),
			db.run(
				sql`INSERT INTO transfers (id, number, from_location_id, to_location_id, status, note,
					created_by, created_at)
					VALUES (${id}, (SELECT 'TR-' || value FROM counters WHERE name = 'transfer_number'),
					${input.fromLocationId}, ${input.toLocationId}, 'draft', ${input.note || null},
					${actorId(ctx)}, ${ctx.now})`
			),
			db.run(
				sql`INSERT INTO transfer_lines (transfer_id, product_id, quantity_sent)
					SELECT ${id}, value ->> 'productId', value ->> 'quantity' FROM json_each(${lines})`
			),
			auditEntry(ctx, {
				action: 'transfer.create',
				target: { type: 'transfer', id },
				details: {
					from: input.fromLocationId,
					to: input.toLocationId,
					lines: quantities.size,
					units: [...quantities.values()].reduce((a, b) => a + b, 0)
				}
			})
		],
		result: transferJson(id)
	});
}
