import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Context } from 'hono';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { authenticate, hashIdempotencyKey, type Credentials } from './access/authenticate';
import { roleAllows } from './access/permissions';
import { SESSION_COOKIE } from './access/session-policy';
import { needsStepUp } from './access/step-up';
import type { Actor, AppEnv } from './context';
import { BadRequest, Forbidden, Invalid, Unauthenticated } from './errors';
import { tag, type Access } from './route-meta';
import { checkSameOrigin } from './same-origin';
import { CLIENT_IP_HEADER } from './client-ip';
import { innerAccess } from './inner-request';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

function readCredentials(c: Context<AppEnv>): Credentials | null {
	const header = c.req.header('authorization');
	if (header) {
		const match = /^Bearer\s+(\S+)$/i.exec(header);
		if (!match)
			throw new Unauthenticated('bad-authorization', 'Use "Authorization: Bearer <API key>"');
		return { kind: 'api_key', token: match[1]! };
	}
	const token = getCookie(c, SESSION_COOKIE, 'host');
	return token ? { kind: 'session', token } : null;
}

function allows(actor: Actor, access: Access): boolean {
	if (access === 'public') return true;
	if (access === 'mfa' || access === 'session') return actor.kind === 'user';
	return actor.kind === 'user'
		? roleAllows(actor.role, access)
		: actor.permissions.includes(access);
}

// The body's BYTES, not its text: a photo (returns evidence) is binary, text() would turn
// its invalid UTF-8 into U+FFFD (two photos, one hash), and Hono rebuilds a later
// arrayBuffer() from the cached text, handing the route a corrupted image. For a UTF-8
// JSON body the hash is the same as before.
async function hashRequest(c: Context<AppEnv>): Promise<string> {
	const head = new TextEncoder().encode(`${c.req.method} ${c.req.path}\n`);
	const body = new Uint8Array(await c.req.arrayBuffer());
	const bytes = new Uint8Array(head.length + body.length);
	bytes.set(head);
	bytes.set(body, head.length);
	return encodeHexLowerCase(sha256(bytes));
}

/**
 * Every route starts with `permit(...)`: who may call it (deny by default), CSRF
 * for cookie sessions, and Idempotency-Key handling for mutations. It creates the
 * verb context; without it a handler cannot reach the database (see getCtx).
 */
export type PermitOptions = {
	/**
	 * false for routes whose response carries a secret Ordo must not keep (a new
	 * API key, MFA set-up, recovery codes) or a new session cookie: storing that
	 * response for replay would store the secret, so Idempotency-Key is refused.
	 */
	replay?: boolean;
	/** Why a route with `replay: false` refuses a key, when it is not the secret (the batch). */
	noReplayBecause?: string;
	/**
	 * true for the few routes that need a recent proof of identity (STEP_UP_WINDOW_MS):
	 * older sessions get 403 `reauth-required` and the client re-authenticates.
	 */
	stepUp?: boolean;
	/** true for the routes a person who must change their password may still use. */
	duringPasswordChange?: boolean;
};

export function permit(
	access: Access,
	{
		replay = true,
		noReplayBecause = 'Its answer holds a secret that Ordo does not keep.',
		stepUp = false,
		duringPasswordChange = false
	}: PermitOptions = {}
) {
	const middleware = createMiddleware<AppEnv>(async (c, next) => {
		const { db } = c.var.database;
		// For the refusal log (features/auth/record-refusals.ts): the route's pattern, not its path.
		c.set('accessRoute', `${c.req.method} ${c.req.routePath}`);
		const now = Date.now();
		const mutating = !SAFE_METHODS.has(c.req.method);
		const key = mutating && access !== 'public' ? c.req.header('idempotency-key') : undefined;
		if (key !== undefined && !replay) {
			throw new BadRequest(
				'idempotency-not-supported',
				'This request cannot be replayed',
				`${noReplayBecause} Send it without Idempotency-Key.`
			);
		}
		if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
			throw new BadRequest(
				'bad-idempotency-key',
				'Idempotency-Key must be 1–255 visible ASCII characters'
			);
		}
		const origin = {
			ip: c.req.header(CLIENT_IP_HEADER) ?? null,
			userAgent: c.req.header('user-agent')?.slice(0, 300) ?? null
		};
		const base = {
			db,
			requestId: c.var.requestId,
			now,
			origin,
			idempotency: null,
			dataKey: c.env?.ORDO_DATA_KEY ?? null
		};
		if (access === 'public') {
			c.set('ctx', { ...base, actor: null });
			return next();
		}
		const credentials = readCredentials(c);
		if (!credentials) throw new Unauthenticated('signed-out', 'Sign in to continue');
		if (credentials.kind === 'session' && mutating) checkSameOrigin(c);

		const authDb = c.var.database.authDb;
		// An outbox batch's item (features/sync) comes with its caller and stored answer,
		// read once for the whole batch from these same credentials.
		const { actor, stored, scope } =
			innerAccess(c.req.raw) ??
			(await authenticate({ db: authDb, credentials, now, idempotencyKey: key }));
		if (actor) c.set('accessActor', actor);
		if (!actor) {
			throw new Unauthenticated(
				credentials.kind === 'session' ? 'session-expired' : 'bad-api-key',
				credentials.kind === 'session'
					? 'Your session has ended. Sign in again.'
					: 'This API key is not valid'
			);
		}
		// A password alone opens only the second-factor routes (PCI DSS 8.4.2).
		if (actor.kind === 'user' && actor.stage === 'mfa' && access !== 'mfa') {
			throw new Unauthenticated(
				'mfa-required',
				'Finish signing in with your authenticator code',
				'Enter the 6-digit code from your authenticator app, or set one up.'
			);
		}
		// PCI DSS 8.3.5: a password someone else chose opens only the change of it.
		if (
			actor.kind === 'user' &&
			actor.passwordChangeRequired &&
			access !== 'mfa' &&
			!duringPasswordChange
		) {
			throw new Forbidden(
				'password-change-required',
				'Choose a new password first',
				'Your password was set by someone else. Choose your own to continue.'
			);
		}
		// The offline outbox names who queued the work (DESIGN §4): it is applied under that
		// person's session or not at all, never under whoever is signed in on the device now.
		const queuedBy = c.req.header('ordo-queued-by');
		if (queuedBy !== undefined && actor.kind === 'user' && queuedBy !== actor.id) {
			throw new Forbidden(
				'queued-by-someone-else',
				'Queued by someone else',
				'This change was made by another person on this device. It waits until they sign in again.'
			);
		}
		if (!allows(actor, access)) {
			throw new Forbidden(
				'not-permitted',
				'Your role does not allow this',
				`This needs the "${access}" permission.`
			);
		}
		if (stepUp && actor.kind === 'user' && needsStepUp(actor.authenticatedAt, now)) {
			throw new Forbidden(
				'reauth-required',
				'Confirm it is you',
				'Enter your password again (and your code, if you use one) to do this.'
			);
		}
		let idempotency = null;
		if (key !== undefined) {
			const requestHash = await hashRequest(c);
			if (stored) {
				if (stored.requestHash !== requestHash) {
					throw new Invalid(
						'idempotency-key-reused',
						'Idempotency-Key already used for a different request',
						'Use a new Idempotency-Key for a new request; reuse a key only to retry the same one.'
					);
				}
				return c.body(stored.body, stored.status as 200, {
					'content-type': 'application/json',
					'idempotent-replayed': 'true'
				});
			}
			idempotency = { scope, key: hashIdempotencyKey(key), requestHash };
		}
		c.set('ctx', { ...base, actor, idempotency });
		await next();
	});
	return tag(middleware, { kind: 'access', access, stepUp });
}
