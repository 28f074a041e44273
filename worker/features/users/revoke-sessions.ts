import { eq, sql } from 'drizzle-orm';
import { sessions } from '../../../db/schema/auth';
import type { Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import { activeSessionCount, requireUser } from './internal';
import type { SessionsRevoked } from './schemas';

/**
 * "Sign out everywhere" for someone else: an admin ends every session of an account, e.g.
 * a lost phone or a suspected stolen session (PCI DSS 8.2.8, OWASP Session Management).
 * The rows are deleted, so the tokens are worthless at once; the account stays enabled.
 */
export async function revokeSessions({
	ctx,
	id
}: {
	ctx: Ctx;
	id: string;
}): Promise<SessionsRevoked> {
	return mutate<SessionsRevoked>(ctx, {
		writes: [
			requireUser(ctx, id),
			ctx.db.delete(sessions).where(eq(sessions.userId, id)),
			auditEntry(ctx, {
				action: 'users.sessions_revoke',
				target: { type: 'user', id },
				details: { scope: 'all' }
			})
		],
		result: sql`SELECT json_object('userId', ${id}, 'activeSessions', ${activeSessionCount(id, ctx.now)})`
	});
}
