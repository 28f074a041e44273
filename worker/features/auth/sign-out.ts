import { eq, sql } from 'drizzle-orm';
import { sessions } from '../../../db/schema/auth';
import type { Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';

/**
 * Ends this session now: the row is deleted, so the token is worthless. Recorded in the
 * same batch as `auth.sign_out` (PCI DSS 10.2.1: every sign-out, not only sign-ins).
 */
export async function signOut({ ctx }: { ctx: Ctx }): Promise<{ signedOut: boolean }> {
	const actor = ctx.actor;
	if (actor?.kind !== 'user') return { signedOut: false };
	return mutate(ctx, {
		writes: [
			ctx.db.delete(sessions).where(eq(sessions.id, actor.sessionId)),
			auditEntry(ctx, { action: 'auth.sign_out', target: { type: 'user', id: actor.id } })
		],
		result: sql`json_object('signedOut', json('true'))`
	});
}
