import { and, eq, gt, isNull } from 'drizzle-orm';
import { apiKeys, sessions, users } from '../../../db/schema/auth';
import { idempotencyKeys } from '../../../db/schema/sync';
import type { Db } from '../../../db/client';
import type { Actor } from '../context';
import type { Permission } from './permissions';
import { idleExpiry, SESSION_RENEW_AFTER_MS } from './session-policy';
import { hashToken } from './tokens';

export type Credentials = { kind: 'session'; token: string } | { kind: 'api_key'; token: string };
export type StoredResponse = { requestHash: string; status: number; body: string };

type Lookup = { db: Db; credentials: Credentials; now: number; idempotencyKey?: string };

function actorQuery(db: Db, credentials: Credentials, now: number) {
	const hash = hashToken(credentials.token);
	if (credentials.kind === 'session') {
		return db
			.select({
				id: users.id,
				role: users.role,
				email: users.email,
				name: users.name,
				sessionId: sessions.id,
				lastUsedAt: sessions.lastUsedAt,
				absoluteExpiresAt: sessions.absoluteExpiresAt,
				stage: sessions.stage,
				authenticatedAt: sessions.authenticatedAt,
				mfaEnrolledAt: users.mfaEnrolledAt,
				totpSecret: users.totpSecret,
				totpPendingSecret: users.totpPendingSecret,
				totpLastStep: users.totpLastStep
			})
			.from(sessions)
			.innerJoin(users, eq(users.id, sessions.userId))
			.where(
				and(
					eq(sessions.id, hash),
					gt(sessions.idleExpiresAt, now),
					gt(sessions.absoluteExpiresAt, now),
					isNull(users.disabledAt)
				)
			);
	}
	return db
		.select({ id: apiKeys.id, permissions: apiKeys.permissions, lastUsedAt: apiKeys.lastUsedAt })
		.from(apiKeys)
		.where(and(eq(apiKeys.keyHash, hash), isNull(apiKeys.revokedAt)));
}

function storedResponseQuery(db: Db, scope: string, key: string) {
	return db
		.select({
			requestHash: idempotencyKeys.requestHash,
			status: idempotencyKeys.status,
			body: idempotencyKeys.body
		})
		.from(idempotencyKeys)
		.where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
}

/**
 * Resolves the credentials to an actor in one round trip, reading any stored
 * response for the request's Idempotency-Key in the same batch. The idempotency
 * scope is the credential itself, so one actor can never replay another's result.
 */
export async function authenticate({ db, credentials, now, idempotencyKey }: Lookup) {
	const scope = `${credentials.kind}:${hashToken(credentials.token)}`;
	const [found, stored] = idempotencyKey
		? await db.batch([
				actorQuery(db, credentials, now),
				storedResponseQuery(db, scope, idempotencyKey)
			])
		: [await actorQuery(db, credentials, now), []];
	const row = found[0];
	if (!row) return { actor: null, stored: null, scope } as const;

	let actor: Actor;
	if ('sessionId' in row) {
		actor = {
			kind: 'user',
			id: row.id,
			role: row.role,
			email: row.email,
			name: row.name,
			sessionId: row.sessionId,
			stage: row.stage,
			authenticatedAt: row.authenticatedAt,
			mfa: {
				enrolledAt: row.mfaEnrolledAt,
				sealedSecret: row.totpSecret,
				sealedPendingSecret: row.totpPendingSecret,
				lastStep: row.totpLastStep
			}
		};
		if (now - row.lastUsedAt > SESSION_RENEW_AFTER_MS) {
			await db
				.update(sessions)
				.set({ lastUsedAt: now, idleExpiresAt: idleExpiry(now, row.absoluteExpiresAt) })
				.where(eq(sessions.id, row.sessionId));
		}
	} else {
		actor = { kind: 'api_key', id: row.id, permissions: row.permissions as Permission[] };
		if (row.lastUsedAt === null || now - row.lastUsedAt > SESSION_RENEW_AFTER_MS) {
			await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.id));
		}
	}
	return { actor, stored: (stored[0] as StoredResponse | undefined) ?? null, scope } as const;
}
