import { eq, sql } from 'drizzle-orm';
import { sessions } from '../../../db/schema/auth';
import type { Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';

/** Ends this session now: the row is deleted, so the token is worthless. */
export async function signOut({ ctx }: { ctx: Ctx }): Promise<{ signedOut: boolean }> {
	const actor = ctx.actor;
	if (actor?.kind !== 'user') return { signedOut: false };
	return mutate(ctx, {
		writes: [ctx.db.delete(sessions).where(eq(sessions.id, actor.sessionId))],
		result: sql`json_object('signedOut', json('true'))`
	});
}
