import { lte, or } from 'drizzle-orm';
import { rateLimits, sessions } from '../../../db/schema/auth';
import { idempotencyKeys } from '../../../db/schema/sync';
import type { Ctx } from '../../core/context';
import {
	EXPIRED_SESSION_GRACE_MS,
	IDEMPOTENCY_RETENTION_MS,
	RATE_LIMIT_RETENTION_MS
} from './retention';

export type Pruned = { sessions: number; rateLimits: number; idempotencyKeys: number };

/**
 * Deletes what no request can use any more, in one batch (three indexed range deletes,
 * no row-by-row loop): sessions expired longer than the grace, rate-limit windows long
 * over, Idempotency-Key results past their retention (retention.ts says why each).
 * Not audited: the sign-ins, sign-outs and changes these rows belonged to already are,
 * and a row removed here carries nothing the audit log lacks.
 */
export async function pruneExpired({ ctx }: { ctx: Ctx }): Promise<Pruned> {
	const { db, now } = ctx;
	const sessionsBefore = now - EXPIRED_SESSION_GRACE_MS;
	const [s, r, i] = await db.batch([
		db
			.delete(sessions)
			.where(
				or(
					lte(sessions.idleExpiresAt, sessionsBefore),
					lte(sessions.absoluteExpiresAt, sessionsBefore)
				)
			),
		db.delete(rateLimits).where(lte(rateLimits.windowStart, now - RATE_LIMIT_RETENTION_MS)),
		db.delete(idempotencyKeys).where(lte(idempotencyKeys.createdAt, now - IDEMPOTENCY_RETENTION_MS))
	]);
	return { sessions: s.rowsAffected, rateLimits: r.rowsAffected, idempotencyKeys: i.rowsAffected };
}
