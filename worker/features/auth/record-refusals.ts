import { sql } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import { CLIENT_IP_HEADER } from '../../core/client-ip';
import type { AppEnv, Ctx } from '../../core/context';
import { DomainError } from '../../core/errors';
import { auditEntry } from '../audit/record';

// PCI DSS 10.2.1.4: invalid logical access attempts are logged. Which refusals count,
// by the stable problem code permit() (or the sign-in limiter) answered with.
const KINDS: Record<string, string> = {
	'not-permitted': 'forbidden',
	'cross-site-request': 'csrf',
	'bad-api-key': 'bad_api_key',
	'bad-authorization': 'bad_api_key',
	'session-expired': 'session_expired',
	'too-many-sign-ins': 'rate_limited'
};

// One audit entry per (kind, who, route) per window, whatever the flood: the rest only
// count in access_refusals, and a closed window's count rides on the next window's entry.
export const REFUSAL_WINDOW_MS = 15 * 60_000;

/**
 * Mounted once in app.ts: after the route has answered, a refusal of one of the kinds
 * above is counted, and the first of its window is audited. A refused request costs one
 * more round trip (two for the first of a window); an allowed one costs nothing.
 */
export const recordRefusals = createMiddleware<AppEnv>(async (c, next) => {
	await next();
	const error = c.error;
	if (!(error instanceof DomainError)) return;
	const kind = KINDS[error.code];
	if (!kind) return;
	try {
		await recordRefusal(c, kind);
	} catch (failure) {
		// The refusal stands even when it cannot be logged; say so without details.
		console.error(`request ${c.var.requestId}: refusal not logged: ${(failure as Error).name}`);
	}
});

async function recordRefusal(c: Parameters<typeof recordRefusals>[0], kind: string) {
	const db = c.var.database.authDb;
	const now = Date.now();
	const actor = c.var.accessActor ?? null;
	const ip = c.req.header(CLIENT_IP_HEADER) ?? null;
	const subject = actor ? `${actor.kind}:${actor.id}` : `ip:${ip ?? 'unknown'}`;
	const route = c.var.accessRoute ?? `${c.req.method} ${c.req.routePath}`;
	const expired = sql`window_start <= ${now - REFUSAL_WINDOW_MS}`;
	const [row] = await db.all<{ count: number; previous_count: number }>(sql`
		INSERT INTO access_refusals (kind, subject, route, window_start, count, previous_count)
		VALUES (${kind}, ${subject}, ${route}, ${now}, 1, 0)
		ON CONFLICT (kind, subject, route) DO UPDATE SET
			previous_count = CASE WHEN ${expired} THEN count ELSE previous_count END,
			count = CASE WHEN ${expired} THEN 1 ELSE count + 1 END,
			window_start = CASE WHEN ${expired} THEN ${now} ELSE window_start END
		RETURNING count, previous_count`);
	if (row?.count !== 1) return;
	const ctx: Ctx = {
		db,
		requestId: c.var.requestId,
		actor,
		origin: { ip, userAgent: c.req.header('user-agent')?.slice(0, 300) ?? null },
		now,
		idempotency: null,
		// The entry's MAC needs the key: without it verify names the entry as forged.
		dataKey: c.env?.ORDO_DATA_KEY ?? null
	};
	await db.batch([
		auditEntry(ctx, {
			action: 'access.refused',
			outcome: 'failure',
			details: {
				kind,
				route,
				windowMinutes: REFUSAL_WINDOW_MS / 60_000,
				// How many of the same refusal the previous window counted (0: none, or the first).
				previousWindowCount: row.previous_count
			}
		})
	]);
}
