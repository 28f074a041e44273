import { sql } from 'drizzle-orm';
import { users, type Role } from '../../../db/schema/auth';
import { registerConstraintError } from '../../core/constraint-errors';
import type { Ctx } from '../../core/context';
import { Conflict, Invalid } from '../../core/errors';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import { hashPassword } from './password';
import { checkPassword } from './password-policy';
import type { StaffUser } from './schemas';

export type CreateUserInput = {
	email: string;
	name: string;
	role: Role;
	password: string;
	/**
	 * true when someone other than the person chose the password (an admin creating
	 * staff): they must change it at first use (PCI DSS 8.3.5). The CLI's first admin
	 * types their own password, so it stays false there.
	 */
	passwordChangeRequired?: boolean;
};

// The unique index decides, not a read before the write: two admins creating the same
// account at once cannot both succeed, and the check costs no extra round trip.
registerConstraintError(
	'users.email',
	() =>
		new Conflict(
			'email-taken',
			'This email address already has an account',
			'Each member of staff has their own account (PCI DSS 8.2.1). Use another address.'
		)
);

/**
 * Creates a staff account. The password must pass the policy (PCI DSS 8.3.6, NIST
 * 800-63B) and is stored only as a scrypt hash; the hash never leaves this function.
 */
export async function createUser({
	ctx,
	input
}: {
	ctx: Ctx;
	input: CreateUserInput;
}): Promise<StaffUser> {
	const email = input.email.trim().toLowerCase();
	const name = input.name.trim();
	const verdict = checkPassword(input.password, { email, name });
	if (!verdict.ok) {
		throw new Invalid('weak-password', 'Choose a stronger password', verdict.message, {
			password: [verdict.message]
		});
	}
	const id = crypto.randomUUID();
	const passwordHash = await hashPassword(input.password);
	return mutate<StaffUser>(ctx, {
		status: 201,
		writes: [
			ctx.db.insert(users).values({
				id,
				email,
				name,
				role: input.role,
				passwordHash,
				passwordChangeRequired: input.passwordChangeRequired ?? false,
				createdAt: ctx.now
			}),
			auditEntry(ctx, {
				action: 'users.create',
				target: { type: 'user', id },
				details: { email, role: input.role }
			})
		],
		result: sql`SELECT json_object('id', id, 'email', email, 'name', name, 'role', role)
			FROM users WHERE id = ${id}`
	});
}
