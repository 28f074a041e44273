import type { Context } from 'hono';
import type { AppEnv } from './context';

/**
 * How far the sending device's clock is behind the server's, in ms: serverNow − the
 * `Ordo-Sent-At` header the outbox puts on every send (contracts: submitWork). A time the
 * device recorded (`deviceTime`, `countedAt`) plus this offset is that moment on the
 * server's clock, so a phone with a wrong clock does not misplace work in time. 0 when the
 * header is absent or unreadable.
 */
export function deviceClockOffset(c: Context<AppEnv>, now = Date.now()): number {
	const sentAt = c.req.header('ordo-sent-at');
	if (!sentAt) return 0;
	const parsed = Date.parse(sentAt);
	return Number.isFinite(parsed) ? now - parsed : 0;
}
