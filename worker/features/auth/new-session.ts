import { sql } from 'drizzle-orm';
import { sessions } from '../../../db/schema/auth';
import type { Db } from '../../../db/client';
import { idleExpiry, SESSION_ABSOLUTE_MS } from '../../core/access/session-policy';
import { generateSessionToken, hashToken } from '../../core/access/tokens';

export type NewSession = {
	token: string;
	id: string;
	expiresAt: number;
	insert: ReturnType<typeof insertSession>;
};

function insertSession(db: Db, values: typeof sessions.$inferInsert) {
	return db.insert(sessions).values(values);
}

/**
 * A fresh session: a new random token at every sign-in and every step up in
 * privilege (after MFA, after a password change), so a token seen before the
 * change is worth nothing after it (session fixation, OWASP ASVS V7.2.4).
 */
export function newSession(
	db: Db,
	{
		userId,
		now,
		stage,
		device = null
	}: { userId: string; now: number; stage: 'full' | 'mfa'; device?: string | null }
): NewSession {
	const token = generateSessionToken();
	const id = hashToken(token);
	const absoluteExpiresAt = now + SESSION_ABSOLUTE_MS;
	return {
		token,
		id,
		expiresAt: absoluteExpiresAt,
		insert: insertSession(db, {
			id,
			userId,
			createdAt: now,
			lastUsedAt: now,
			idleExpiresAt: idleExpiry(now, absoluteExpiresAt),
			absoluteExpiresAt,
			stage,
			authenticatedAt: now,
			device
		})
	};
}

// OWASP ASVS V7.4.5-style bound: a person has at most this many live sessions; a new
// one ends the oldest (e.g. a phone left signed in at another station).
export const MAX_SESSIONS_PER_PERSON = 10;

/** A batch item, placed after the new session's insert: ends all but the newest ten. */
export function keepNewestSessions(db: Db, userId: string) {
	return db.run(sql`DELETE FROM ${sessions} WHERE ${sessions.userId} = ${userId}
		AND ${sessions.id} NOT IN (SELECT ${sessions.id} FROM ${sessions}
			WHERE ${sessions.userId} = ${userId}
			ORDER BY ${sessions.createdAt} DESC, ${sessions.lastUsedAt} DESC
			LIMIT ${MAX_SESSIONS_PER_PERSON})`);
}
