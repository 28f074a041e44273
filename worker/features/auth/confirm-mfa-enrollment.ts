import { eq, sql } from 'drizzle-orm';
import { recoveryCodes, sessions, users } from '../../../db/schema/auth';
import type { Ctx } from '../../core/context';
import { Conflict, Invalid } from '../../core/errors';
import { mutate } from '../../core/mutate';
import { openSecret } from '../../lib/secret-box';
import { auditEntry } from '../audit/record';
import { deviceSummary } from './device';
import { newSession } from './new-session';
import { generateRecoveryCodes, hashRecoveryCode } from './recovery-codes';
import { requireDataKey, requireUser } from './start-mfa-enrollment';
import { verifyTotp } from './totp';

export type MfaEnrolled = {
	recoveryCodes: string[];
	session: { token: string; expiresAt: number };
};

/**
 * A code from the pending secret proves the authenticator works; then, in one
 * batch, the secret becomes the user's, ten recovery codes replace any old ones,
 * and the session is replaced by a fully signed-in one with a new token.
 */
export async function confirmMfaEnrollment({
	ctx,
	code
}: {
	ctx: Ctx;
	code: string;
}): Promise<MfaEnrolled> {
	const actor = requireUser(ctx);
	const pending = actor.mfa.sealedPendingSecret;
	if (!pending || actor.mfa.enrolledAt !== null) {
		throw new Conflict('mfa-not-started', 'Start setting up your authenticator first');
	}
	const secret = await openSecret(requireDataKey(ctx), pending, actor.id);
	const check = verifyTotp({ secret, code, now: ctx.now });
	if (!check.ok) {
		throw new Invalid('mfa-code-wrong', 'That code did not match', undefined, {
			code: ['Enter the current 6-digit code from your authenticator app.']
		});
	}
	const codes = generateRecoveryCodes();
	const { db } = ctx;
	const session = newSession(db, {
		userId: actor.id,
		now: ctx.now,
		stage: 'full',
		device: deviceSummary(ctx.origin.userAgent)
	});
	const result = await mutate<{ enrolled: boolean }>(ctx, {
		writes: [
			db
				.update(users)
				.set({
					totpSecret: pending,
					totpPendingSecret: null,
					totpLastStep: check.step,
					mfaEnrolledAt: ctx.now,
					// Enrolling completes the sign-in: the one thing that clears failures.
					failedSignIns: 0,
					failedMfa: 0
				})
				.where(eq(users.id, actor.id)),
			db.delete(recoveryCodes).where(eq(recoveryCodes.userId, actor.id)),
			db
				.insert(recoveryCodes)
				.values(codes.map((c) => ({ userId: actor.id, codeHash: hashRecoveryCode(c) }))),
			db.delete(sessions).where(eq(sessions.id, actor.sessionId)),
			session.insert,
			auditEntry(ctx, { action: 'mfa.enroll', target: { type: 'user', id: actor.id } })
		],
		result: sql`json_object('enrolled', json('true'))`
	});
	if (!result.enrolled) throw new Error('enrolment not recorded');
	return { recoveryCodes: codes, session: { token: session.token, expiresAt: session.expiresAt } };
}
