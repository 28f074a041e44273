import { sql } from 'drizzle-orm';
import { sessions } from '../../../db/schema/auth';
import type { Ctx } from '../../core/context';
import { isoTime } from '../users/internal';
import type { MySessions } from './schemas';
import { requireUser } from './start-mfa-enrollment';

// What a person sees of a session's id: the first 16 hex digits of its token hash. Enough
// to name one of their own (at most ten) sessions; nothing that could open one.
export const SESSION_REF_LENGTH = 16;
export const sessionRef = sql`substr(${sessions.id}, 1, ${SESSION_REF_LENGTH})`;

/**
 * The person's own live sessions, newest first, so they can spot one they do not
 * recognise and end it (OWASP ASVS V7.5.2). One query.
 */
export async function listSessions({ ctx }: { ctx: Ctx }): Promise<MySessions> {
	const actor = requireUser(ctx);
	const rows = await ctx.db.all<{ body: string }>(
		sql`SELECT json_object(
				'id', ${sessionRef},
				'device', coalesce(${sessions.device}, 'Unknown device'),
				'createdAt', ${isoTime(sessions.createdAt)},
				'lastUsedAt', ${isoTime(sessions.lastUsedAt)},
				'current', json(CASE WHEN ${sessions.id} = ${actor.sessionId} THEN 'true' ELSE 'false' END)
			) AS body
			FROM ${sessions}
			WHERE ${sessions.userId} = ${actor.id} AND ${sessions.idleExpiresAt} > ${ctx.now}
				AND ${sessions.absoluteExpiresAt} > ${ctx.now}
			ORDER BY ${sessions.createdAt} DESC, ${sessions.id}`
	);
	return { items: rows.map((row) => JSON.parse(row.body) as MySessions['items'][number]) };
}
