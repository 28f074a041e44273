// The minute before the device locks (PCI DSS 8.2.8 lets a session end after 15 idle
// minutes; it does not ask that a person be caught out): a visible, announced warning
// that any touch or key dismisses.
export const LOCK_WARNING_MS = 60_000;
const STEP_S = 10;

/**
 * The seconds the warning names, rounded up to tens ("60 s", "50 s" … "10 s"), so a
 * screen reader hears it six times in the minute rather than sixty, and it never claims
 * less time than is left; null outside the last minute or once it is up.
 */
export function lockWarningSeconds(remainingMs: number): number | null {
	if (remainingMs <= 0 || remainingMs > LOCK_WARNING_MS) return null;
	return Math.ceil(remainingMs / 1000 / STEP_S) * STEP_S;
}
