import { sql } from 'drizzle-orm';
import { actorId, type Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { expectVersion } from '../../core/preconditions';
import { auditEntry } from '../audit/record';
import { sendTransfer as sendLeg } from '../inventory/ledger';
import { readSnapshot, transferJson } from './internal';
import { checkSeenVersion, decideSend } from './lifecycle';
import type { SendTransfer, Transfer } from './schemas';

/**
 * Sends a draft: every line leaves the source (ledger `transfer_out`) and is in transit.
 * Decide, then write: the snapshot names what is short; the batch runs under the
 * transfer's version, and the levels' CHECKs still refuse it whole if stock was reserved
 * or taken meanwhile (409 insufficient-stock).
 */
export async function sendTransfer({
	ctx,
	id,
	input
}: {
	ctx: Ctx;
	id: string;
	input: SendTransfer;
}): Promise<Transfer> {
	const { transfer, lines } = await readSnapshot(ctx, id);
	checkSeenVersion(transfer, input.version);
	decideSend(transfer, lines);
	const { db } = ctx;
	const who = actorId(ctx);
	return mutate<Transfer>(ctx, {
		writes: [
			expectVersion(ctx, 'transfer', id, transfer.version),
			db.run(
				sql`UPDATE transfers SET status = 'sent', sent_by = ${who}, sent_at = ${ctx.now},
					version = version + 1 WHERE id = ${id}`
			),
			...lines.flatMap((l) =>
				sendLeg(db, {
					productId: l.productId,
					locationId: transfer.fromLocationId,
					quantity: l.quantitySent,
					reason: `transfer ${transfer.number} to ${transfer.toCode}`,
					reference: transfer.number,
					actorId: who,
					at: ctx.now
				})
			),
			auditEntry(ctx, {
				action: 'transfer.send',
				target: { type: 'transfer', id },
				details: {
					number: transfer.number,
					units: lines.reduce((n, l) => n + l.quantitySent, 0)
				}
			})
		],
		result: transferJson(id)
	});
}
