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
	{ userId, now, stage }: { userId: string; now: number; stage: 'full' | 'mfa' }
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
			authenticatedAt: now
		})
	};
}
