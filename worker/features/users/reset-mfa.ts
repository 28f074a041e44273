import { eq, sql } from 'drizzle-orm';
import { recoveryCodes, sessions, users } from '../../../db/schema/auth';
import type { Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import { refuseSelf, requireUser, staffAccountJson } from './internal';
import type { StaffAccount } from './schemas';

/**
 * For a person who lost their authenticator: clears the TOTP secret (enrolled and
 * pending), the replay guard and every recovery code, and ends their sessions, all in one
 * batch. Their next sign-in has to enrol again where the role requires MFA (PCI DSS 8.4.2).
 * An admin cannot reset their own MFA here: that would skip the re-authentication that
 * changing one's own second factor needs.
 */
export async function resetMfa({ ctx, id }: { ctx: Ctx; id: string }): Promise<StaffAccount> {
	refuseSelf(
		ctx,
		id,
		'cannot-reset-own-mfa',
		'You cannot reset your own MFA here',
		'Change your authenticator in your own security settings, or ask another admin.'
	);
	const { db } = ctx;
	return mutate<StaffAccount>(ctx, {
		writes: [
			requireUser(ctx, id),
			db
				.update(users)
				.set({ totpSecret: null, totpPendingSecret: null, totpLastStep: null, mfaEnrolledAt: null })
				.where(eq(users.id, id)),
			db.delete(recoveryCodes).where(eq(recoveryCodes.userId, id)),
			db.delete(sessions).where(eq(sessions.userId, id)),
			auditEntry(ctx, { action: 'users.mfa_reset', target: { type: 'user', id } })
		],
		result: sql`SELECT ${staffAccountJson} FROM ${users} WHERE ${users.id} = ${id}`
	});
}
