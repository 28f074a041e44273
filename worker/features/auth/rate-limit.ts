import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';

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

/** Milliseconds until the window opens again, or 0 when under the limit. */
export function retryAfterMs(
	limit: RateLimit,
	row: { count: number; window_start: number } | undefined,
	now: number
): number {
	if (!row || row.count <= limit.max) return 0;
	return Math.max(0, row.window_start + limit.windowMs - now);
}
