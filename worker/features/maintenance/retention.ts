// How long housekeeping keeps rows that no request needs any more (issue 6, §3.9, §4).

const HOUR_MS = 60 * 60_000;

/**
 * An expired session is kept a day after it ended, so a request still carrying its
 * cookie in that time can be told (and logged, PCI DSS 10.2.1.4) that the session
 * expired rather than that it never existed. After that it is only a row to scan.
 */
export const EXPIRED_SESSION_GRACE_MS = 24 * HOUR_MS;

/**
 * A rate-limit row outside its window counts nothing: the next hit starts a new window.
 * A day is far beyond the longest window (sign-in, 15 minutes); it must stay longer
 * than any window a limit declares, or a pruned row would reopen a window early.
 */
export const RATE_LIMIT_RETENTION_MS = 24 * HOUR_MS;

/**
 * An Idempotency-Key must outlive every retry of its request, or a late retry applies
 * the change twice. The offline outbox (DESIGN §4) retries whenever a phone comes back
 * online, and a warehouse phone can sit in a locker over a long weekend, so a day
 * (Stripe's choice, for always-online clients) is too short: a week covers a four-day
 * weekend with room to spare. A stored response is a few hundred bytes.
 */
export const IDEMPOTENCY_RETENTION_MS = 7 * 24 * HOUR_MS;
