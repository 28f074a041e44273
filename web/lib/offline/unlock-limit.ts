// Offline unlock attempts are limited on the device, since no server counts them
// (the online lockout is 10 failures, PCI DSS 8.3.4). A thief with the phone gets a
// few guesses at growing intervals, then the verifier is wiped and only an online
// sign-in (with the server's lockout and rate limits) opens the app again.
export const MAX_OFFLINE_FAILURES = 5;
const FREE_FAILURES = 2;
const FIRST_DELAY_MS = 30_000;

export type AttemptState = { failures: number; nextTryAt: number };

/** Whether another attempt may be made now, or how long to wait. */
export function waitBeforeAttempt(state: AttemptState, now: number): number {
	return Math.max(0, state.nextTryAt - now);
}

/**
 * After a wrong password: the new state, and whether the verifier must go.
 * Failures 1–2 cost nothing (a typo), then 30 s, 60 s, … doubling; the fifth wipes.
 */
export function afterFailure(
	state: AttemptState,
	now: number
): { state: AttemptState; wipe: boolean } {
	const failures = state.failures + 1;
	if (failures >= MAX_OFFLINE_FAILURES) return { state: { failures, nextTryAt: now }, wipe: true };
	const delay =
		failures <= FREE_FAILURES ? 0 : FIRST_DELAY_MS * 2 ** (failures - FREE_FAILURES - 1);
	return { state: { failures, nextTryAt: now + delay }, wipe: false };
}
