import { eq, sql } from 'drizzle-orm';
import { sessions, users } from '../../../db/schema/auth';
import type { Ctx } from '../../core/context';
import { Unauthenticated } from '../../core/errors';
import { hashPassword, verifyPassword } from './password';
import type { SignIn, StaffUser } from './schemas';
import { idleExpiry, SESSION_ABSOLUTE_MS } from './session-policy';
import { generateSessionToken, hashToken } from './tokens';

// PCI DSS 8.3.4: lock the account after 10 failures for at least 30 minutes.
export const MAX_FAILED_SIGN_INS = 10;
export const LOCKOUT_MS = 30 * 60_000;

// Verifying against a real hash when the email is unknown keeps the time the same,
// so response time does not reveal which accounts exist (OWASP ASVS V6).
let decoy: Promise<string> | undefined;

const refused = () =>
	new Unauthenticated(
		'sign-in-failed',
		'Email or password is incorrect',
		'Check both and try again. After 10 failed attempts an account is locked for 30 minutes.'
	);

export type SignedIn = { token: string; user: StaffUser; expiresAt: number };

/**
 * Two round trips by necessity: the password hash must be read before it can be
 * checked in code. The outcome (session + reset counter, or counted failure) is
 * one batch, and the failure counter is incremented in SQL, not read-then-written.
 */
export async function signIn({ ctx, input }: { ctx: Ctx; input: SignIn }): Promise<SignedIn> {
	const { db, now } = ctx;
	const [user] = await db.select().from(users).where(eq(users.email, input.email));
	if (!user) {
		decoy ??= hashPassword('decoy password for timing only');
		await verifyPassword(await decoy, input.password);
		throw refused();
	}
	const usable = user.disabledAt === null && (user.lockedUntil ?? 0) <= now;
	const matches = await verifyPassword(user.passwordHash, input.password);
	if (!usable || !matches) {
		if (usable) {
			await db
				.update(users)
				.set({
					failedSignIns: sql`${users.failedSignIns} + 1`,
					lockedUntil: sql`CASE WHEN ${users.failedSignIns} + 1 >= ${MAX_FAILED_SIGN_INS}
						THEN ${now + LOCKOUT_MS} ELSE NULL END`
				})
				.where(eq(users.id, user.id));
		}
		throw refused();
	}
	const token = generateSessionToken();
	const absoluteExpiresAt = now + SESSION_ABSOLUTE_MS;
	await db.batch([
		db
			.update(users)
			.set({ failedSignIns: 0, lockedUntil: null, lastSignInAt: now })
			.where(eq(users.id, user.id)),
		db.insert(sessions).values({
			id: hashToken(token),
			userId: user.id,
			createdAt: now,
			lastUsedAt: now,
			idleExpiresAt: idleExpiry(now, absoluteExpiresAt),
			absoluteExpiresAt
		})
	]);
	return {
		token,
		user: { id: user.id, email: user.email, name: user.name, role: user.role },
		expiresAt: absoluteExpiresAt
	};
}
