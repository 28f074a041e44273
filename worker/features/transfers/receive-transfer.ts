import { sql } from 'drizzle-orm';
import { actorId, type Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import { receiveTransfer as receiveLeg } from '../inventory/ledger';
import { readSnapshot, transferJson } from './internal';
import { decideReceive } from './lifecycle';
import type { ReceiveTransfer, Transfer } from './schemas';

/**
 * Units of a sent transfer arrive at the destination (ledger `transfer_in`), all or some.
 * Decided from a snapshot for a clear refusal (not on the transfer, more than sent), but
 * NOT under the transfer's version: receipts add up, so two phones receiving the same
 * transfer (each from its outbox, maybe hours later) both apply. What guards the rule
 * then is the database: a line's CHECK (received ≤ sent) fails the whole batch.
 * The route requires an Idempotency-Key, so an outbox retry applies once.
 */
export async function receiveTransfer({
	ctx,
	id,
	input,
	clockOffset = 0
}: {
	ctx: Ctx;
	id: string;
	input: ReceiveTransfer;
	/** serverNow − the device's sending time, to correct a phone's wrong clock. */
	clockOffset?: number;
}): Promise<Transfer> {
	const { transfer, lines } = await readSnapshot(ctx, id);
	const receipts = decideReceive(transfer, lines, input.lines);
	const { db } = ctx;
	const who = actorId(ctx);
	const deviceTime = input.deviceTime ? Date.parse(input.deviceTime) + clockOffset : null;
	return mutate<Transfer>(ctx, {
		writes: [
			auditEntry(ctx, {
				action: 'transfer.receive',
				target: { type: 'transfer', id },
				details: {
					number: transfer.number,
					lines: receipts.length,
					units: receipts.reduce((n, r) => n + r.quantity, 0)
				}
			}),
			...receipts.map((r) =>
				db.run(
					sql`UPDATE transfer_lines SET quantity_received = quantity_received + ${r.quantity}
						WHERE transfer_id = ${id} AND product_id = ${r.productId}`
				)
			),
			// After the lines: every unit in is 'received', anything still missing 'partially_received'.
			db.run(
				sql`UPDATE transfers SET status = CASE WHEN EXISTS (SELECT 1 FROM transfer_lines
						WHERE transfer_id = ${id} AND quantity_received < quantity_sent)
					THEN 'partially_received' ELSE 'received' END,
					received_by = ${who}, received_at = ${ctx.now}, version = version + 1
					WHERE id = ${id}`
			),
			...receipts.flatMap((r) =>
				receiveLeg(db, {
					productId: r.productId,
					locationId: transfer.toLocationId,
					quantity: r.quantity,
					reason: `transfer ${transfer.number} from ${transfer.fromCode}`,
					reference: transfer.number,
					actorId: who,
					deviceTime,
					at: ctx.now
				})
			)
		],
		result: transferJson(id)
	});
}
