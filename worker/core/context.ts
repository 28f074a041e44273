import type { Context } from 'hono';
import type { Client } from '@libsql/client';
import type { Db, RoundTrips } from '../../db/client';
import type { Role } from '../../db/schema/auth';
import type { Permission } from './access/permissions';
import type { BlobBucket } from './blob-store';
import { Forbidden } from './errors';

export type Bindings = {
	LIBSQL_URL?: string;
	LIBSQL_AUTH_TOKEN?: string;
	/** 32 random bytes, base64: seals TOTP secrets (worker/lib/secret-box.ts). */
	ORDO_DATA_KEY?: string;
	/** stripe | sandbox (default): worker/features/payments/configure.ts. */
	PAYMENT_PROVIDER?: string;
	STRIPE_SECRET_KEY?: string;
	STRIPE_WEBHOOK_SECRET?: string;
	/** The sandbox provider's API origin (scripts/sandbox-pay), its key and webhook secret. */
	SANDBOX_PAY_URL?: string;
	SANDBOX_PAY_SECRET_KEY?: string;
	SANDBOX_PAY_WEBHOOK_SECRET?: string;
	/** `1` lets webhook endpoints be http://localhost and private addresses (dev and tests only). */
	ORDO_WEBHOOKS_ALLOW_PRIVATE?: string;
	/** Returns evidence photos: an R2 bucket on Workers, a directory under Node (core/blob-store.ts). */
	EVIDENCE?: BlobBucket;
	/** ui (default: shown in Ordo, nothing leaves) | webhook: worker/features/returns/notify. */
	NOTIFY_SENDER?: string;
	/** The shop's email/SMS gateway (https) and the secret its requests are signed with. */
	NOTIFY_WEBHOOK_URL?: string;
	NOTIFY_WEBHOOK_SECRET?: string;
};

/**
 * Every binding by name, so the embedded Node server (scripts/serve/app.ts) hands the API
 * all of them from its environment. It listed three by hand and the payment ones were
 * missing: under `npm start` payment links and refunds answered 503 "Payments are not set
 * up" while the sandbox was running (tester's pass). The check below fails the type check
 * when a binding is added to the type and not here.
 */
export const BINDING_NAMES = [
	'LIBSQL_URL',
	'LIBSQL_AUTH_TOKEN',
	'ORDO_DATA_KEY',
	'PAYMENT_PROVIDER',
	'STRIPE_SECRET_KEY',
	'STRIPE_WEBHOOK_SECRET',
	'SANDBOX_PAY_URL',
	'SANDBOX_PAY_SECRET_KEY',
	'SANDBOX_PAY_WEBHOOK_SECRET',
	'ORDO_WEBHOOKS_ALLOW_PRIVATE',
	'NOTIFY_SENDER',
	'NOTIFY_WEBHOOK_URL',
	'NOTIFY_WEBHOOK_SECRET'
] as const satisfies readonly (keyof Bindings)[];
// EVIDENCE is an object (a bucket), not text from the environment: the server builds it.
type Unlisted = Exclude<keyof Bindings, (typeof BINDING_NAMES)[number] | 'EVIDENCE'>;
export const EVERY_BINDING_LISTED: [Unlisted] extends [never] ? true : Unlisted = true;

export type Actor =
	| {
			kind: 'user';
			id: string;
			role: Role;
			email: string;
			name: string;
			sessionId: string;
			/** 'mfa': password checked, second factor still to come. */
			stage: 'full' | 'mfa';
			authenticatedAt: number;
			/** Someone else chose the password: it must be changed first (PCI DSS 8.3.5). */
			passwordChangeRequired: boolean;
			mfa: MfaState;
	  }
	| { kind: 'api_key'; id: string; permissions: readonly Permission[] };

export type MfaState = {
	enrolledAt: number | null;
	sealedSecret: string | null;
	sealedPendingSecret: string | null;
	lastStep: number | null;
};

export type IdempotencyClaim = { scope: string; key: string; requestHash: string };

/** Where a request came from, for the audit log (PCI DSS 10.2.2 "origination"). */
export type RequestOrigin = { ip: string | null; userAgent: string | null };

/** What a verb gets: the database, who is acting, from where, and when. Never the HTTP request. */
export type Ctx = {
	db: Db;
	requestId: string;
	actor: Actor | null;
	origin: RequestOrigin;
	now: number;
	idempotency: IdempotencyClaim | null;
	dataKey: string | null;
};

/** The request's database handles: `db` counts the verb's round trips, `authDb` the access check's. */
export type Database = {
	client: Client;
	db: Db;
	authDb: Db;
	trips: RoundTrips;
	authTrips: RoundTrips;
};

export type AppEnv = {
	Bindings: Bindings;
	Variables: {
		requestId: string;
		database: Database;
		ctx?: Ctx;
		/** Set by permit() for the refusal log: the route pattern and who called, if known. */
		accessRoute?: string;
		accessActor?: Actor;
	};
};

/**
 * The only way a handler reaches the database. `permit()` creates the context, so
 * a route that declares no permission has none and is refused: deny by default.
 */
export function getCtx(c: Context<AppEnv>): Ctx {
	const ctx = c.get('ctx');
	if (!ctx) throw new Forbidden('no-permission-declared', 'This route is not open to anyone');
	return ctx;
}

export function actorId(ctx: Ctx): string | null {
	return ctx.actor?.kind === 'user' ? ctx.actor.id : null;
}

/** A context for work no person requested over HTTP: the CLI, the seed, benchmarks. */
export function systemCtx(db: Db, now = Date.now(), dataKey: string | null = null): Ctx {
	return {
		db,
		requestId: 'system',
		actor: null,
		origin: { ip: null, userAgent: 'ordo-cli' },
		now,
		idempotency: null,
		dataKey
	};
}
