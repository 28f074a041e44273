import { and, eq, ne, sql } from 'drizzle-orm';
import { sessions } from '../../../db/schema/auth';
import type { Ctx } from '../../core/context';
import { Forbidden } from '../../core/errors';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import { activeSessionCount } from './internal';
import type { SessionsRevoked } from './schemas';

/**
 * "Sign out everywhere else" for oneself (OWASP ASVS 3.3.4: people can end their other
 * sessions). The session making the request stays, so the person keeps working on the
 * device in their hand; POST /api/auth/sign-out ends that one too.
 */
export async function signOutElsewhere({ ctx }: { ctx: Ctx }): Promise<SessionsRevoked> {
	const actor = ctx.actor;
	if (actor?.kind !== 'user') throw new Forbidden('not-a-person', 'Only staff sessions sign out');
	return mutate<SessionsRevoked>(ctx, {
		writes: [
			ctx.db
				.delete(sessions)
				.where(and(eq(sessions.userId, actor.id), ne(sessions.id, actor.sessionId))),
			auditEntry(ctx, {
				action: 'users.sessions_revoke',
				target: { type: 'user', id: actor.id },
				details: { scope: 'other_sessions' }
			})
		],
		result: sql`SELECT json_object('userId', ${actor.id},
			'activeSessions', ${activeSessionCount(actor.id, ctx.now)})`
	});
}
