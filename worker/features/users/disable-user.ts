import { eq, sql } from 'drizzle-orm';
import { sessions, users } from '../../../db/schema/auth';
import type { Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import { refuseSelf, requireUser, staffAccountJson } from './internal';
import type { StaffAccount } from './schemas';

/**
 * Disables an account at once (PCI DSS 8.2.5: revoke access of people who leave): the
 * flag stops new sign-ins and deleting the sessions ends the open ones in the same batch.
 * API keys are not revoked: they act only while their creator is enabled (authenticate). The last
 * active admin cannot be disabled (a trigger refuses it), nor can an admin disable
 * themselves, which would only ever be a slip.
 */
export async function disableUser({ ctx, id }: { ctx: Ctx; id: string }): Promise<StaffAccount> {
	refuseSelf(
		ctx,
		id,
		'cannot-disable-yourself',
		'You cannot disable your own account',
		'Ask another admin to disable it.'
	);
	const { db } = ctx;
	return mutate<StaffAccount>(ctx, {
		writes: [
			requireUser(ctx, id),
			// COALESCE keeps the first disabling time when the request is repeated.
			db
				.update(users)
				.set({ disabledAt: sql`coalesce(${users.disabledAt}, ${ctx.now})` })
				.where(eq(users.id, id)),
			db.delete(sessions).where(eq(sessions.userId, id)),
			auditEntry(ctx, { action: 'users.disable', target: { type: 'user', id } })
		],
		result: sql`SELECT ${staffAccountJson} FROM ${users} WHERE ${users.id} = ${id}`
	});
}
