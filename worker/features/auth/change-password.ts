import { eq } from 'drizzle-orm';
import { sessions, users } from '../../../db/schema/auth';
import type { Ctx } from '../../core/context';
import { Invalid } from '../../core/errors';
import { auditEntry } from '../audit/record';
import { newSession } from './new-session';
import { hashPassword, verifyPassword } from './password';
import { checkPassword } from './password-policy';
import type { ChangePassword } from './schemas';
import { requireUser } from './start-mfa-enrollment';

/**
 * The current password re-authenticates the person (OWASP ASVS V6.2.3). Every
 * other session of theirs ends and this one gets a new token, in one batch with
 * the new hash and the audit entry. Two round trips: the hash is read to check it.
 */
export async function changePassword({ ctx, input }: { ctx: Ctx; input: ChangePassword }) {
	const actor = requireUser(ctx);
	const { db, now } = ctx;
	const [row] = await db
		.select({ hash: users.passwordHash })
		.from(users)
		.where(eq(users.id, actor.id));
	if (!row || !(await verifyPassword(row.hash, input.currentPassword))) {
		throw new Invalid('reauthentication-failed', 'Your current password is not right', undefined, {
			currentPassword: ['Enter the password you signed in with.']
		});
	}
	const policy = checkPassword(input.newPassword, { email: actor.email, name: actor.name });
	if (!policy.ok) {
		throw new Invalid('weak-password', 'Choose another password', policy.message, {
			newPassword: [policy.message]
		});
	}
	const session = newSession(db, { userId: actor.id, now, stage: 'full' });
	await db.batch([
		db
			.update(users)
			.set({ passwordHash: await hashPassword(input.newPassword) })
			.where(eq(users.id, actor.id)),
		db.delete(sessions).where(eq(sessions.userId, actor.id)),
		session.insert,
		auditEntry(ctx, { action: 'auth.password_change', target: { type: 'user', id: actor.id } })
	]);
	return { session: { token: session.token, expiresAt: session.expiresAt } };
}
