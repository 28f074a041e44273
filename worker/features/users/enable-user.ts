import { eq, sql } from 'drizzle-orm';
import { users } from '../../../db/schema/auth';
import type { Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import { requireUser, staffAccountJson } from './internal';
import type { StaffAccount } from './schemas';

/**
 * Lets a disabled person sign in again. It also lifts a lockout: an admin who enables an
 * account has vouched for its owner, which is what PCI DSS 8.3.4 asks before unlocking
 * early. The password and MFA stay as they were.
 */
export async function enableUser({ ctx, id }: { ctx: Ctx; id: string }): Promise<StaffAccount> {
	return mutate<StaffAccount>(ctx, {
		writes: [
			requireUser(ctx, id),
			ctx.db
				.update(users)
				.set({ disabledAt: null, failedSignIns: 0, lockedUntil: null })
				.where(eq(users.id, id)),
			auditEntry(ctx, { action: 'users.enable', target: { type: 'user', id } })
		],
		result: sql`SELECT ${staffAccountJson} FROM ${users} WHERE ${users.id} = ${id}`
	});
}
