import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { hashToken } from '../../core/access/tokens';

export type RateLimit = { name: string; max: number; windowMs: number };

// OWASP ASVS V6.3: throttle password guessing per account and per address. The
// account lockout (sign-in.ts) stops guessing at one account; these stop a
// spray across many accounts from one address and floods at one account.
export const SIGN_IN_PER_ADDRESS: RateLimit = {
	name: 'sign-in:ip',
	max: 60,
	windowMs: 15 * 60_000
};
export const SIGN_IN_PER_ACCOUNT: RateLimit = {
	name: 'sign-in:account',
	max: 20,
	windowMs: 15 * 60_000
};

/**
 * Counts one hit and returns the count in the current window, as one statement
 * (a batch item), so checking costs no extra round trip and racing requests
 * cannot both read a stale count.
 */
export function hitRateLimit(db: Db, limit: RateLimit, subject: string, now: number) {
	const key = `${limit.name}:${subject}`;
	const expired = sql`window_start <= ${now - limit.windowMs}`;
	return db.all<{ count: number; window_start: number }>(sql`
		INSERT INTO rate_limits (key, window_start, count) VALUES (${key}, ${now}, 1)
		ON CONFLICT (key) DO UPDATE SET
			count = CASE WHEN ${expired} THEN 1 ELSE count + 1 END,
			window_start = CASE WHEN ${expired} THEN ${now} ELSE window_start END
		RETURNING count, window_start`);
}

/**
 * The per-account subject: a hash of the email, never the email itself. What is typed
 * into the email box is free text (a card number typed there must not be stored).
 */
export function accountSubject(email: string): string {
	return hashToken(email);
}

/**
 * Like hitRateLimit, but counts (and creates a row) only while `gate` is under its
 * limit: a flood from one address past its limit then adds no row per account it names.
 */
export function hitRateLimitUnder(
	db: Db,
	limit: RateLimit,
	subject: string,
	gate: { limit: RateLimit; subject: string },
	now: number
) {
	const key = `${limit.name}:${subject}`;
	const gateKey = `${gate.limit.name}:${gate.subject}`;
	const expired = sql`window_start <= ${now - limit.windowMs}`;
	return db.all<{ count: number; window_start: number }>(sql`
		INSERT INTO rate_limits (key, window_start, count)
		SELECT ${key}, ${now}, 1
		WHERE NOT EXISTS (SELECT 1 FROM rate_limits WHERE key = ${gateKey}
			AND window_start > ${now - gate.limit.windowMs} AND count > ${gate.limit.max})
		ON CONFLICT (key) DO UPDATE SET
			count = CASE WHEN ${expired} THEN 1 ELSE count + 1 END,
			window_start = CASE WHEN ${expired} THEN ${now} ELSE window_start END
		RETURNING count, window_start`);
}

/**
 * Takes back one hit (a batch item for the success path): the per-address sign-in limit
 * then counts failed attempts only, so a busy office behind one address can sign in all
 * day while guessing from it still runs into the limit.
 */
export function refundRateLimit(db: Db, limit: RateLimit, subject: string) {
	const key = `${limit.name}:${subject}`;
	return db.run(sql`UPDATE rate_limits SET count = max(count - 1, 0) WHERE key = ${key}`);
}

/** Both sign-in limits as two batch items: per address first, then per account under it. */
export function hitSignInLimits(db: Db, { ip, email }: { ip: string; email: string }, now: number) {
	return [
		hitRateLimit(db, SIGN_IN_PER_ADDRESS, ip, now),
		hitRateLimitUnder(
			db,
			SIGN_IN_PER_ACCOUNT,
			accountSubject(email),
			{ limit: SIGN_IN_PER_ADDRESS, subject: ip },
			now
		)
	] as const;
}

/** The longest wait either sign-in limit asks for, in ms (0: go ahead). */
export function signInWait(
	perAddress: { count: number; window_start: number }[],
	perAccount: { count: number; window_start: number }[],
	now: number
): number {
	return Math.max(
		retryAfterMs(SIGN_IN_PER_ADDRESS, perAddress[0], now),
		retryAfterMs(SIGN_IN_PER_ACCOUNT, perAccount[0], now)
	);
}

/** Milliseconds until the window opens again, or 0 when under the limit. */
export function retryAfterMs(
	limit: RateLimit,
	row: { count: number; window_start: number } | undefined,
	now: number
): number {
	if (!row || row.count <= limit.max) return 0;
	return Math.max(0, row.window_start + limit.windowMs - now);
}
