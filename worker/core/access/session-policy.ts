// PCI DSS 8.2.8: re-authenticate after 15 minutes idle. An absolute lifetime caps
// a session that is kept busy all day on a shared device.
export const SESSION_IDLE_MS = 15 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;
// Sliding renewal is written at most once a minute, so most requests only read.
export const SESSION_RENEW_AFTER_MS = 60_000;
// Sent as `__Host-ordo_session`: the prefix pins it to this origin, Secure, path=/.
export const SESSION_COOKIE = 'ordo_session';

export function idleExpiry(now: number, absoluteExpiresAt: number): number {
	return Math.min(now + SESSION_IDLE_MS, absoluteExpiresAt);
}
