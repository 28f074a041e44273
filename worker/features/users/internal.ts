import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { sessions, users } from '../../../db/schema/auth';
import { registerConstraintError } from '../../core/constraint-errors';
import type { Ctx } from '../../core/context';
import { Conflict, NotFound } from '../../core/errors';

// Both refusals come from the database, inside the batch that would break the rule
// (DESIGN §3), so a check and its write can never be split by a concurrent request.
// The trigger and the view are in migration 0006_staff_account_guards.
registerConstraintError(
	'users_last_active_admin',
	() =>
		new Conflict(
			'last-admin',
			'Ordo must keep at least one active admin',
			'Make another person admin first; then this account can be changed.'
		)
);
registerConstraintError(
	'target_missing_user',
	() => new NotFound('user-not-found', 'No such staff account')
);

/** Epoch ms as the API's ISO 8601 UTC string (DESIGN §3: ISO only at the edge), or NULL. */
export function isoTime(column: AnyColumn | SQL): SQL {
	return sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${column} / 1000.0, 'unixepoch')`;
}

const bool = (condition: SQL) => sql`json(CASE WHEN ${condition} THEN 'true' ELSE 'false' END)`;

/**
 * One staff account as JSON, built in SQL so a mutation's response is read inside its
 * own batch (core/mutate.ts). Never the password hash or the MFA secret.
 */
export const staffAccountJson = sql`json_object(
	'id', ${users.id},
	'email', ${users.email},
	'name', ${users.name},
	'role', ${users.role},
	'disabled', ${bool(sql`${users.disabledAt} IS NOT NULL`)},
	'disabledAt', ${isoTime(users.disabledAt)},
	'lockedUntil', ${isoTime(users.lockedUntil)},
	'lastSignInAt', ${isoTime(users.lastSignInAt)},
	'mfaEnrolled', ${bool(sql`${users.mfaEnrolledAt} IS NOT NULL`)},
	'createdAt', ${isoTime(users.createdAt)})`;

/** Sessions that can still be used: the same test authenticate() applies. */
export function activeSessionCount(userId: string, now: number): SQL {
	return sql`(SELECT count(*) FROM ${sessions} WHERE ${sessions.userId} = ${userId}
		AND ${sessions.idleExpiresAt} > ${now} AND ${sessions.absoluteExpiresAt} > ${now})`;
}

/**
 * A batch item that fails the whole batch with 404 when the account does not exist.
 * Without it an UPDATE of a missing id changes nothing and the request would "succeed";
 * reading first would cost a round trip and race the write.
 */
export function requireUser(ctx: Ctx, userId: string) {
	return ctx.db.run(
		sql`INSERT INTO target_checks (target, found)
			VALUES ('user', EXISTS (SELECT 1 FROM ${users} WHERE ${users.id} = ${userId}))`
	);
}

/** A refusal for actions an admin may not take on their own account. */
export function refuseSelf(ctx: Ctx, userId: string, code: string, title: string, detail: string) {
	if (ctx.actor?.kind === 'user' && ctx.actor.id === userId)
		throw new Conflict(code, title, detail);
}
