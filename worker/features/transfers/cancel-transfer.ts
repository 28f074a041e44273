import { sql } from 'drizzle-orm';
import { actorId, type Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { expectVersion } from '../../core/preconditions';
import { auditEntry } from '../audit/record';
import { readSnapshot, transferJson } from './internal';
import { checkSeenVersion, decideCancel } from './lifecycle';
import type { CancelTransfer, Transfer } from './schemas';

/** Cancels a draft (nothing has moved, so nothing moves back). Kept, marked cancelled. */
export async function cancelTransfer({
	ctx,
	id,
	input
}: {
	ctx: Ctx;
	id: string;
	input: CancelTransfer;
}): Promise<Transfer> {
	const { transfer } = await readSnapshot(ctx, id);
	checkSeenVersion(transfer, input.version);
	decideCancel(transfer);
	return mutate<Transfer>(ctx, {
		writes: [
			expectVersion(ctx, 'transfer', id, transfer.version),
			ctx.db.run(
				sql`UPDATE transfers SET status = 'cancelled', cancelled_by = ${actorId(ctx)},
					cancelled_at = ${ctx.now}, version = version + 1 WHERE id = ${id}`
			),
			auditEntry(ctx, {
				action: 'transfer.cancel',
				target: { type: 'transfer', id },
				details: { number: transfer.number, reason: input.reason ?? null }
			})
		],
		result: transferJson(id)
	});
}
