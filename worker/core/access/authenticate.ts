import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { apiKeys, sessions, users } from '../../../db/schema/auth';
import { idempotencyKeys } from '../../../db/schema/sync';
import type { Db } from '../../../db/client';
import type { Actor } from '../context';
import { keyPermissions } from './permissions';
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
				passwordChangeRequired: users.passwordChangeRequired,
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
	// The creator is joined in the same query: a key works only while its creator's
	// account does, and only with what the creator's role holds today.
	return db
		.select({
			id: apiKeys.id,
			permissions: apiKeys.permissions,
			lastUsedAt: apiKeys.lastUsedAt,
			creatorRole: users.role
		})
		.from(apiKeys)
		.innerJoin(users, eq(users.id, apiKeys.createdBy))
		.where(and(eq(apiKeys.keyHash, hash), isNull(apiKeys.revokedAt), isNull(users.disabledAt)));
}

/**
 * The idempotency scope is the person or the API key, never one session (DESIGN §3):
 * the outbox retries across sign-ins. Read in SQL from the credential, so the stored
 * response comes in the same round trip as the actor.
 */
function scopeOf(credentials: Credentials) {
	const hash = hashToken(credentials.token);
	return credentials.kind === 'session'
		? sql`(SELECT 'user:' || ${sessions.userId} FROM ${sessions} WHERE ${sessions.id} = ${hash})`
		: sql`(SELECT 'api_key:' || ${apiKeys.id} FROM ${apiKeys} WHERE ${apiKeys.keyHash} = ${hash})`;
}

/** Only a hash of the Idempotency-Key is kept: it is free text a client chooses. */
export function hashIdempotencyKey(key: string): string {
	return hashToken(key);
}

function storedResponseQuery(db: Db, credentials: Credentials, key: string) {
	return db
		.select({
			requestHash: idempotencyKeys.requestHash,
			status: idempotencyKeys.status,
			body: idempotencyKeys.body
		})
		.from(idempotencyKeys)
		.where(
			and(
				eq(idempotencyKeys.scope, scopeOf(credentials)),
				eq(idempotencyKeys.key, hashIdempotencyKey(key))
			)
		);
}

/**
 * Resolves the credentials to an actor in one round trip, reading any stored
 * response for the request's Idempotency-Key in the same batch. The idempotency
 * scope is the person or the key, so one actor can never replay another's result.
 */
export async function authenticate({ db, credentials, now, idempotencyKey }: Lookup) {
	const [found, stored] = idempotencyKey
		? await db.batch([
				actorQuery(db, credentials, now),
				storedResponseQuery(db, credentials, idempotencyKey)
			])
		: [await actorQuery(db, credentials, now), []];
	const row = found[0];
	if (!row) return { actor: null, stored: null, scope: null } as const;

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
			passwordChangeRequired: row.passwordChangeRequired,
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
		actor = {
			kind: 'api_key',
			id: row.id,
			permissions: keyPermissions(row.permissions, row.creatorRole)
		};
		if (row.lastUsedAt === null || now - row.lastUsedAt > SESSION_RENEW_AFTER_MS) {
			await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.id));
		}
	}
	const scope = `${actor.kind}:${actor.id}`;
	return { actor, stored: (stored[0] as StoredResponse | undefined) ?? null, scope } as const;
}
