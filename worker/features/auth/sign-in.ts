import { and, eq, lt, or, sql } from 'drizzle-orm';
import { sessions, users } from '../../../db/schema/auth';
import type { Ctx } from '../../core/context';
import { TooManyRequests, Unauthenticated } from '../../core/errors';
import { auditEntry } from '../audit/record';
import { deviceSummary } from './device';
import { nextStepAfterPassword, type SignInNext } from './mfa-policy';
import { keepNewestSessions, newSession } from './new-session';
import { hashPassword, verifyPassword } from './password';
import { hitSignInLimits, refundRateLimit, SIGN_IN_PER_ADDRESS, signInWait } from './rate-limit';
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

export const tooManyAttempts = (waitMs: number) =>
	new TooManyRequests(
		'too-many-sign-ins',
		'Too many sign-in attempts',
		`Wait ${Math.ceil(waitMs / 60_000)} minute(s) and try again.`,
		undefined,
		Math.ceil(waitMs / 1000)
	);

/** A batch item counting one wrong password toward the lockout (PCI DSS 8.3.4). */
export function countPasswordFailure(ctx: Ctx, userId: string) {
	return ctx.db
		.update(users)
		.set({
			failedSignIns: sql`${users.failedSignIns} + 1`,
			lockedUntil: sql`CASE WHEN ${users.failedSignIns} + 1 >= ${MAX_FAILED_SIGN_INS}
				THEN ${ctx.now + LOCKOUT_MS} ELSE ${users.lockedUntil} END`
		})
		.where(eq(users.id, userId));
}

export type SignedIn = { token: string; user: StaffUser; expiresAt: number; next: SignInNext };

/**
 * Two round trips by necessity: the user row (with both rate-limit counters, in
 * the same batch) must be read before the password can be checked in code. The
 * outcome is one batch with its audit entry; counters move in SQL, never
 * read-then-written. A password alone gives an 'mfa' session when a second factor
 * is due; it opens only the MFA routes (see core/permit.ts).
 *
 * `replacing` is the session this browser already holds, if any: signing in again
 * (re-authentication before a sensitive action) ends it in the same batch when it is
 * the same person's, so re-authenticating never leaves two sessions behind.
 */
export async function signIn({
	ctx,
	input,
	replacing = null
}: {
	ctx: Ctx;
	input: SignIn;
	replacing?: string | null;
}): Promise<SignedIn> {
	const { db, now } = ctx;
	const [found, perAddress, perAccount] = await db.batch([
		db.select().from(users).where(eq(users.email, input.email)),
		...hitSignInLimits(db, { ip: ctx.origin.ip ?? 'unknown', email: input.email }, now)
	]);
	const user = found[0];
	const wait = signInWait(perAddress, perAccount, now);
	// Counted and audited once per window by features/auth/record-refusals.ts: a flood of
	// refused attempts must not write a row each.
	if (wait > 0) throw tooManyAttempts(wait);
	const failure = (reason: string) =>
		auditEntry(ctx, {
			action: 'auth.sign_in',
			outcome: 'failure',
			target: user ? { type: 'user', id: user.id } : undefined,
			details: { email: input.email, reason }
		});
	if (!user) {
		decoy ??= hashPassword('decoy password for timing only');
		await verifyPassword(await decoy, input.password);
		await db.batch([failure('unknown_email')]);
		throw refused();
	}
	const usable = user.disabledAt === null && (user.lockedUntil ?? 0) <= now;
	const matches = await verifyPassword(user.passwordHash, input.password);
	if (!usable || !matches) {
		const reason = user.disabledAt !== null ? 'disabled' : usable ? 'wrong_password' : 'locked';
		await (usable
			? db.batch([countPasswordFailure(ctx, user.id), failure(reason)])
			: db.batch([failure(reason)]));
		throw refused();
	}
	const mfaStep = nextStepAfterPassword(user.role, user.mfaEnrolledAt);
	const next: SignInNext = mfaStep ?? (user.passwordChangeRequired ? 'change_password' : null);
	const session = newSession(db, {
		userId: user.id,
		now,
		stage: mfaStep ? 'mfa' : 'full',
		device: deviceSummary(ctx.origin.userAgent)
	});
	await db.batch([
		// A right password clears the password failures only. Second-factor failures stay
		// until a sign-in completes (PCI DSS 8.3.4), or 9 codes, a password, 9 more… never lock.
		db
			.update(users)
			.set({
				failedSignIns: 0,
				lockedUntil: null,
				lastSignInAt: now,
				...(mfaStep ? {} : { failedMfa: 0 })
			})
			.where(eq(users.id, user.id)),
		db.delete(sessions).where(and(eq(sessions.id, replacing ?? ''), eq(sessions.userId, user.id))),
		session.insert,
		keepNewestSessions(db, user.id),
		// A right password does not count against its address (failures do).
		refundRateLimit(db, SIGN_IN_PER_ADDRESS, ctx.origin.ip ?? 'unknown'),
		// Expired sessions go as people sign in: no scheduler needed, nothing piles up.
		db
			.delete(sessions)
			.where(or(lt(sessions.idleExpiresAt, now), lt(sessions.absoluteExpiresAt, now))),
		auditEntry(ctx, {
			action: 'auth.sign_in',
			actor: { type: 'user', id: user.id },
			target: { type: 'user', id: user.id },
			details: { stage: mfaStep ? 'password' : 'complete' }
		})
	]);
	return {
		token: session.token,
		user: { id: user.id, email: user.email, name: user.name, role: user.role },
		expiresAt: session.expiresAt,
		next
	};
}
