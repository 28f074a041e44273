import { sql } from 'drizzle-orm';
import { sessions } from '../../../db/schema/auth';
import { registerConstraintError } from '../../core/constraint-errors';
import type { Ctx } from '../../core/context';
import { NotFound } from '../../core/errors';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import { sessionRef } from './list-sessions';
import type { SessionEnded } from './schemas';
import { requireUser } from './start-mfa-enrollment';

registerConstraintError(
	'target_missing_session',
	() =>
		new NotFound(
			'session-not-found',
			'That session has already ended',
			'Refresh the list of your sessions.'
		)
);

/**
 * Ends one of the person's own sessions (a device they lost or do not recognise). Only
 * their own: the reference is matched with their user id, so another person's session
 * is "not found". Ending the current one is signing out. One batch with its audit entry.
 */
export async function endSession({ ctx, id }: { ctx: Ctx; id: string }): Promise<SessionEnded> {
	const actor = requireUser(ctx);
	const mine = sql`${sessions.userId} = ${actor.id} AND ${sessionRef} = ${id}`;
	return mutate<SessionEnded>(ctx, {
		writes: [
			ctx.db.run(
				sql`INSERT INTO target_checks (target, found)
					VALUES ('session', EXISTS (SELECT 1 FROM ${sessions} WHERE ${mine}))`
			),
			auditEntry(ctx, {
				action: 'auth.session_end',
				target: { type: 'user', id: actor.id },
				details: { session: id }
			}),
			ctx.db.run(sql`DELETE FROM ${sessions} WHERE ${mine}`)
		],
		result: sql`json_object('id', ${id}, 'ended', json('true'))`
	});
}
