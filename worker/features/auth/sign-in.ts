import { eq, lt, or, sql } from 'drizzle-orm';
import { sessions, users } from '../../../db/schema/auth';
import type { Ctx } from '../../core/context';
import { TooManyRequests, Unauthenticated } from '../../core/errors';
import { auditEntry } from '../audit/record';
import { nextStepAfterPassword, type SignInNext } from './mfa-policy';
import { newSession } from './new-session';
import { hashPassword, verifyPassword } from './password';
import { hitRateLimit, retryAfterMs, SIGN_IN_PER_ACCOUNT, SIGN_IN_PER_ADDRESS } from './rate-limit';
import type { SignIn, StaffUser } from './schemas';

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

export type SignedIn = { token: string; user: StaffUser; expiresAt: number; next: SignInNext };

/**
 * Two round trips by necessity: the user row (with both rate-limit counters, in
 * the same batch) must be read before the password can be checked in code. The
 * outcome is one batch with its audit entry; counters move in SQL, never
 * read-then-written. A password alone gives an 'mfa' session when a second factor
 * is due; it opens only the MFA routes (see core/permit.ts).
 */
export async function signIn({ ctx, input }: { ctx: Ctx; input: SignIn }): Promise<SignedIn> {
	const { db, now } = ctx;
	const [found, perAddress, perAccount] = await db.batch([
		db.select().from(users).where(eq(users.email, input.email)),
		hitRateLimit(db, SIGN_IN_PER_ADDRESS, ctx.origin.ip ?? 'unknown', now),
		hitRateLimit(db, SIGN_IN_PER_ACCOUNT, input.email, now)
	]);
	const user = found[0];
	const wait = Math.max(
		retryAfterMs(SIGN_IN_PER_ADDRESS, perAddress[0], now),
		retryAfterMs(SIGN_IN_PER_ACCOUNT, perAccount[0], now)
	);
	const failure = (reason: string) =>
		auditEntry(ctx, {
			action: 'auth.sign_in',
			outcome: 'failure',
			target: user ? { type: 'user', id: user.id } : undefined,
			details: { email: input.email, reason }
		});
	if (wait > 0) {
		await db.batch([failure('rate_limited')]);
		throw new TooManyRequests(
			'too-many-sign-ins',
			'Too many sign-in attempts',
			`Wait ${Math.ceil(wait / 60_000)} minute(s) and try again.`,
			undefined,
			Math.ceil(wait / 1000)
		);
	}
	if (!user) {
		decoy ??= hashPassword('decoy password for timing only');
		await verifyPassword(await decoy, input.password);
		await db.batch([failure('unknown_email')]);
		throw refused();
	}
	const usable = user.disabledAt === null && (user.lockedUntil ?? 0) <= now;
	const matches = await verifyPassword(user.passwordHash, input.password);
	if (!usable || !matches) {
		const countFailure = db
			.update(users)
			.set({
				failedSignIns: sql`${users.failedSignIns} + 1`,
				lockedUntil: sql`CASE WHEN ${users.failedSignIns} + 1 >= ${MAX_FAILED_SIGN_INS}
					THEN ${now + LOCKOUT_MS} ELSE NULL END`
			})
			.where(eq(users.id, user.id));
		const reason = user.disabledAt !== null ? 'disabled' : usable ? 'wrong_password' : 'locked';
		await (usable ? db.batch([countFailure, failure(reason)]) : db.batch([failure(reason)]));
		throw refused();
	}
	const next = nextStepAfterPassword(user.role, user.mfaEnrolledAt);
	const session = newSession(db, { userId: user.id, now, stage: next ? 'mfa' : 'full' });
	await db.batch([
		db
			.update(users)
			.set({ failedSignIns: 0, lockedUntil: null, lastSignInAt: now })
			.where(eq(users.id, user.id)),
		session.insert,
		// Expired sessions go as people sign in: no scheduler needed, nothing piles up.
		db
			.delete(sessions)
			.where(or(lt(sessions.idleExpiresAt, now), lt(sessions.absoluteExpiresAt, now))),
		auditEntry(ctx, {
			action: 'auth.sign_in',
			actor: { type: 'user', id: user.id },
			target: { type: 'user', id: user.id },
			details: { stage: next ? 'password' : 'complete' }
		})
	]);
	return {
		token: session.token,
		user: { id: user.id, email: user.email, name: user.name, role: user.role },
		expiresAt: session.expiresAt,
		next
	};
}
