import { eq, sql } from 'drizzle-orm';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { sessions, users } from '../../../db/schema/auth';
import type { Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import { hashPassword } from '../auth/password';
import { refuseSelf, requireUser } from './internal';
import type { TemporaryPassword } from './schemas';

/** 20 random characters in groups of five ("k3x9a-…"): 100 bits, easy to read out. */
function generateTemporaryPassword(): string {
	const raw = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(13)));
	return (raw.slice(0, 20).match(/.{5}/g) ?? []).join('-');
}

/**
 * For a person who forgot their password: an admin sets a temporary one, shown once in
 * this response and stored only as its hash. The person must change it at first use
 * (PCI DSS 8.3.5): until then their sessions open only the password change. Their
 * sessions end now, in the same batch, with the audit entry. Not for one's own account:
 * that is a password change, which asks for the current password.
 */
export async function setTemporaryPassword({
	ctx,
	id
}: {
	ctx: Ctx;
	id: string;
}): Promise<TemporaryPassword> {
	refuseSelf(
		ctx,
		id,
		'cannot-reset-own-password',
		'You cannot set a temporary password for yourself',
		'Change your own password on your account page.'
	);
	const temporaryPassword = generateTemporaryPassword();
	const { db } = ctx;
	await mutate<{ done: boolean }>(ctx, {
		writes: [
			requireUser(ctx, id),
			db
				.update(users)
				.set({
					passwordHash: await hashPassword(temporaryPassword),
					passwordChangeRequired: true,
					// The admin vouched for the person (as enabling does): lift a lockout.
					failedSignIns: 0,
					lockedUntil: null
				})
				.where(eq(users.id, id)),
			db.delete(sessions).where(eq(sessions.userId, id)),
			auditEntry(ctx, { action: 'users.temporary_password', target: { type: 'user', id } })
		],
		result: sql`json_object('done', json('true'))`
	});
	return { temporaryPassword };
}
