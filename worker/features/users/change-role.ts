import { and, eq, ne, sql } from 'drizzle-orm';
import { auditLog } from '../../../db/schema/audit';
import { sessions, users, type Role } from '../../../db/schema/auth';
import type { Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { auditValues } from '../audit/record';
import { requireUser, staffAccountJson } from './internal';
import type { StaffAccount } from './schemas';

/**
 * Gives a person another role (PCI DSS 7.2.1-7.2.2). When the role really changes, all
 * their sessions end in the same batch: a session carries the privileges it was opened
 * with, so new privileges need a new sign-in and a new token (OWASP Session Management:
 * renew the session id on privilege change). Demoting the last active admin is refused by
 * a trigger inside the batch, so two admins demoting each other at once cannot both win.
 */
export async function changeRole({
	ctx,
	id,
	role
}: {
	ctx: Ctx;
	id: string;
	role: Role;
}): Promise<StaffAccount> {
	const { db } = ctx;
	const changing = sql`EXISTS (SELECT 1 FROM ${users} WHERE ${users.id} = ${id} AND ${users.role} <> ${role})`;
	return mutate<StaffAccount>(ctx, {
		writes: [
			requireUser(ctx, id),
			// Audited first, so the old role can still be read for "from" (PCI DSS 10.2.1.5).
			db.insert(auditLog).values({
				...auditValues(ctx, { action: 'users.role_change', target: { type: 'user', id } }),
				details: sql`json_object('from', (SELECT ${users.role} FROM ${users} WHERE ${users.id} = ${id}), 'to', ${role})`
			}),
			// Before the UPDATE, while the old role is still there to compare with.
			db.delete(sessions).where(and(eq(sessions.userId, id), changing)),
			db
				.update(users)
				.set({ role })
				.where(and(eq(users.id, id), ne(users.role, role)))
		],
		result: sql`SELECT ${staffAccountJson} FROM ${users} WHERE ${users.id} = ${id}`
	});
}
