import type { Context } from 'hono';

/** Header every outbox send carries: the device's clock when it sent (ISO 8601 with zone). */
export const SENT_AT_HEADER = 'ordo-sent-at';

/**
 * How far the sending device's clock is behind the server's, in ms: serverNow − sentAt
 * (contracts.md). A phone whose clock runs 10 minutes slow sends `Ordo-Sent-At` 10 minutes
 * early, so adding the offset to any device time in the body (`countedAt`) puts it on the
 * server's clock, which is what the ledger's `recorded_at` uses. 0 when the header is
 * missing or unreadable: the device time is then taken as it is.
 */
export function deviceClockOffset(c: Context, now = Date.now()): number {
	return clockOffset(c.req.header(SENT_AT_HEADER), now);
}

/** The pure part, for tests: the offset for a header value at a server time. */
export function clockOffset(sentAt: string | undefined, now: number): number {
	if (!sentAt || sentAt.length > 40) return 0;
	// Only ISO 8601 with a zone: Date.parse would read "12/01/2026" in the server's zone.
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/.test(sentAt))
		return 0;
	const sent = Date.parse(sentAt);
	return Number.isFinite(sent) ? now - sent : 0;
}
