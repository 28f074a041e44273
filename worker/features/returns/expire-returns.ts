import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { readReturn } from './internal';
import { moveLines } from './move-lines';

const PER_RUN = 100;

/**
 * A scheduled job: authorised returns past their expiry with nothing received have their
 * authorised lines expired by the system (a late parcel is still received: expired →
 * received is allowed). Each return its own batch under its version; one that moved
 * between the read and its batch (a scan just came in) is left for the next run.
 */
export async function expireReturns({
	ctx
}: {
	ctx: Ctx;
}): Promise<{ due: number; expired: number; skipped: number }> {
	const due = await ctx.db.all<{ id: string }>(
		sql`SELECT id FROM returns WHERE expires_at IS NOT NULL AND expires_at <= ${ctx.now}
			AND status = 'authorised' AND kind = 'return'
			AND NOT EXISTS (SELECT 1 FROM return_receipts rr WHERE rr.return_id = returns.id)
			ORDER BY expires_at LIMIT ${PER_RUN}`
	);
	let expired = 0;
	for (const { id } of due) {
		try {
			const ret = await readReturn(ctx, id);
			const to = new Map(
				ret.lines
					.filter((l) => l.status === 'authorised' && l.quantityReceived === 0)
					.map((l) => [l.line, 'expired' as const])
			);
			if (to.size === 0) continue;
			await moveLines(ctx, ret, undefined, {
				to,
				kind: 'return.expired',
				summary: 'expired: nothing arrived before the deadline',
				action: 'return.expire',
				details: { reason: 'nothing received before expires_at' },
				actor: { timeline: { kind: 'system', label: 'Ordo' }, audit: { type: 'system' } }
			});
			expired++;
		} catch {
			// Moved since the read (a receipt, a rep's cancel): the next run reads it again.
		}
	}
	return { due: due.length, expired, skipped: due.length - expired };
}
