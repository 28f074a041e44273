import { and, eq, isNull, sql } from 'drizzle-orm';
import { recoveryCodes, sessions, users } from '../../../db/schema/auth';
import type { Ctx } from '../../core/context';
import { Conflict, Unauthenticated } from '../../core/errors';
import { openSecret } from '../../lib/secret-box';
import { auditEntry } from '../audit/record';
import { deviceSummary } from './device';
import { newSession } from './new-session';
import { idleExpiry } from '../../core/access/session-policy';
import { hashRecoveryCode } from './recovery-codes';
import { LOCKOUT_MS, MAX_FAILED_SIGN_INS } from './sign-in';
import { requireDataKey, requireUser } from './start-mfa-enrollment';
import { verifyTotp } from './totp';

export type MfaVerified = {
	session: { token: string; expiresAt: number };
	/** 'change_password' when someone else set the password (PCI DSS 8.3.5). */
	next: 'change_password' | null;
};

const refused = () =>
	new Unauthenticated(
		'mfa-failed',
		'That code did not work',
		'Enter the current code from your authenticator, or one of your recovery codes.'
	);

/**
 * The second factor after the password. A TOTP code must be newer than the last
 * one accepted (a trigger refuses an older step, so a replay fails even when two
 * requests race); a recovery code is spent by the same batch that signs in.
 * Failures count toward the account lockout on their own counter (PCI DSS 8.3.4): a
 * right password does not reset it, only a completed sign-in does.
 */
export async function verifyMfa({ ctx, code }: { ctx: Ctx; code: string }): Promise<MfaVerified> {
	const actor = requireUser(ctx);
	const sealed = actor.mfa.sealedSecret;
	if (actor.stage !== 'mfa') throw new Conflict('mfa-not-needed', 'You are already signed in');
	if (!sealed) throw new Conflict('mfa-not-set-up', 'Set up your authenticator first');
	const { db } = ctx;
	const device = deviceSummary(ctx.origin.userAgent);
	const session = newSession(db, { userId: actor.id, now: ctx.now, stage: 'full', device });
	const signedIn: MfaVerified = {
		session: { token: session.token, expiresAt: session.expiresAt },
		next: actor.passwordChangeRequired ? 'change_password' : null
	};
	// A completed sign-in is the only thing that clears second-factor failures.
	const signIn = [
		db.update(users).set({ failedSignIns: 0, failedMfa: 0 }).where(eq(users.id, actor.id)),
		db.delete(sessions).where(eq(sessions.id, actor.sessionId)),
		auditEntry(ctx, { action: 'auth.mfa', target: { type: 'user', id: actor.id } })
	] as const;
	const isTotp = /^\s*\d{3}\s?\d{3}\s*$/.test(code);
	if (isTotp) {
		const secret = await openSecret(requireDataKey(ctx), sealed, actor.id);
		const check = verifyTotp({
			secret,
			code,
			now: ctx.now,
			lastStep: actor.mfa.lastStep ?? undefined
		});
		if (check.ok) {
			try {
				await db.batch([
					db.update(users).set({ totpLastStep: check.step }).where(eq(users.id, actor.id)),
					session.insert,
					...signIn
				]);
				return signedIn;
			} catch (error) {
				if (!String((error as Error).cause ?? error).includes('totp code already used'))
					throw error;
			}
		}
	} else {
		const [spent] = await db.batch([
			db
				.update(recoveryCodes)
				.set({ usedAt: ctx.now })
				.where(
					and(
						eq(recoveryCodes.userId, actor.id),
						eq(recoveryCodes.codeHash, hashRecoveryCode(code)),
						isNull(recoveryCodes.usedAt)
					)
				)
				.returning({ userId: recoveryCodes.userId }),
			// Each later statement only acts if the code was unspent a moment ago.
			db.run(sql`INSERT INTO sessions (id, user_id, created_at, last_used_at, idle_expires_at,
				absolute_expires_at, stage, authenticated_at, device)
				SELECT ${session.id}, ${actor.id}, ${ctx.now}, ${ctx.now}, ${idleExpiry(ctx.now, session.expiresAt)},
					${session.expiresAt}, 'full', ${ctx.now}, ${device}
				WHERE EXISTS (SELECT 1 FROM recovery_codes WHERE user_id = ${actor.id}
					AND code_hash = ${hashRecoveryCode(code)} AND used_at = ${ctx.now})`)
		]);
		if (spent.length === 1) {
			await db.batch([...signIn]);
			return signedIn;
		}
	}
	await recordFailure(ctx, actor.id);
	throw refused();
}

async function recordFailure(ctx: Ctx, userId: string) {
	const { db, now } = ctx;
	await db.batch([
		db
			.update(users)
			.set({
				failedMfa: sql`${users.failedMfa} + 1`,
				lockedUntil: sql`CASE WHEN ${users.failedMfa} + 1 >= ${MAX_FAILED_SIGN_INS}
					THEN ${now + LOCKOUT_MS} ELSE ${users.lockedUntil} END`
			})
			.where(eq(users.id, userId)),
		// A locked account keeps no half-signed-in session.
		db.run(sql`DELETE FROM sessions WHERE user_id = ${userId} AND stage = 'mfa'
			AND (SELECT locked_until FROM users WHERE id = ${userId}) > ${now}`),
		auditEntry(ctx, {
			action: 'auth.mfa',
			outcome: 'failure',
			target: { type: 'user', id: userId }
		})
	]);
}
