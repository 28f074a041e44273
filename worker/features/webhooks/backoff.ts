// When a failed delivery is tried again: exponential backoff with jitter, so a receiver
// that was down is not hit by every waiting delivery in the same second when it returns.
// Attempt n (1-based) waits 2^(n-1) minutes, capped at 6 hours, times a random 0.8–1.2.
// After MAX_ATTEMPTS tries the delivery is dead: about 20 hours of trying in all.

export const MAX_ATTEMPTS = 12;
const BASE_MS = 60_000;
const CAP_MS = 6 * 60 * 60_000;

/** Delay before the next try after `attempts` failed tries; `random` in [0, 1). */
export function retryDelayMs(attempts: number, random: number): number {
	const base = Math.min(BASE_MS * 2 ** Math.max(0, attempts - 1), CAP_MS);
	return Math.round(base * (0.8 + 0.4 * random));
}

/** The bounds of retryDelayMs, for tests and the docs' table. */
export function retryDelayBounds(attempts: number): { min: number; max: number } {
	return { min: retryDelayMs(attempts, 0), max: retryDelayMs(attempts, 1) };
}
