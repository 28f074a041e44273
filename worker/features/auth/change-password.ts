import { eq, sql } from 'drizzle-orm';
import { sessions, users } from '../../../db/schema/auth';
import type { Ctx } from '../../core/context';
import { Invalid } from '../../core/errors';
import { auditEntry } from '../audit/record';
import { deviceSummary } from './device';
import { newSession } from './new-session';
import { hashPassword, verifyPassword } from './password';
import { checkPassword } from './password-policy';
import { hitSignInLimits, signInWait } from './rate-limit';
import type { ChangePassword } from './schemas';
import { countPasswordFailure, tooManyAttempts } from './sign-in';
import { requireUser } from './start-mfa-enrollment';

const wrongCurrent = () =>
	new Invalid('reauthentication-failed', 'Your current password is not right', undefined, {
		currentPassword: ['Enter the password you signed in with.']
	});

/**
 * The current password re-authenticates the person (OWASP ASVS V6.2.3), so a wrong one
 * is a failed sign-in: rate-limited with the sign-in limits, counted toward the lockout
 * and audited (a session must not be an unlimited password oracle). When the lockout
 * falls, the person's sessions end with it. On success every other session ends and this
 * one gets a new token, in one batch with the new hash and the audit entry; a password
 * someone else chose (PCI DSS 8.3.5) is then the person's own. Two round trips: the hash
 * is read to check it.
 */
export async function changePassword({ ctx, input }: { ctx: Ctx; input: ChangePassword }) {
	const actor = requireUser(ctx);
	const { db, now } = ctx;
	const [rows, perAddress, perAccount] = await db.batch([
		db
			.select({ hash: users.passwordHash, lockedUntil: users.lockedUntil })
			.from(users)
			.where(eq(users.id, actor.id)),
		...hitSignInLimits(db, { ip: ctx.origin.ip ?? 'unknown', email: actor.email }, now)
	]);
	const wait = signInWait(perAddress, perAccount, now);
	if (wait > 0) throw tooManyAttempts(wait);
	const row = rows[0];
	const target = { type: 'user', id: actor.id };
	if (!row || !(await verifyPassword(row.hash, input.currentPassword))) {
		await db.batch([
			countPasswordFailure(ctx, actor.id),
			db.run(sql`DELETE FROM ${sessions} WHERE ${sessions.userId} = ${actor.id}
				AND (SELECT ${users.lockedUntil} FROM ${users} WHERE ${users.id} = ${actor.id}) > ${now}`),
			auditEntry(ctx, {
				action: 'auth.password_change',
				outcome: 'failure',
				target,
				details: { reason: 'wrong_current_password' }
			})
		]);
		throw wrongCurrent();
	}
	const policy = checkPassword(input.newPassword, { email: actor.email, name: actor.name });
	if (!policy.ok) {
		throw new Invalid('weak-password', 'Choose another password', policy.message, {
			newPassword: [policy.message]
		});
	}
	if (input.newPassword === input.currentPassword) {
		const message = 'Choose a password different from your current one.';
		throw new Invalid('same-password', 'Choose a new password', message, {
			newPassword: [message]
		});
	}
	const session = newSession(db, {
		userId: actor.id,
		now,
		stage: 'full',
		device: deviceSummary(ctx.origin.userAgent)
	});
	await db.batch([
		db
			.update(users)
			.set({
				passwordHash: await hashPassword(input.newPassword),
				passwordChangeRequired: false,
				failedSignIns: 0
			})
			.where(eq(users.id, actor.id)),
		db.delete(sessions).where(eq(sessions.userId, actor.id)),
		session.insert,
		auditEntry(ctx, { action: 'auth.password_change', target })
	]);
	return { session: { token: session.token, expiresAt: session.expiresAt } };
}
