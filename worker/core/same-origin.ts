import type { Context } from 'hono';
import { Forbidden } from './errors';

/**
 * CSRF defence for cookie sessions (OWASP ASVS 5, V3.5): a state-changing request
 * must come from Ordo's own origin, whatever its content type. Fetch metadata is
 * checked first; `Origin` covers browsers without it. No header at all is refused.
 */
export function checkSameOrigin(c: Context): void {
	const site = c.req.header('sec-fetch-site');
	if (site === 'same-origin') return;
	const origin = c.req.header('origin');
	if (!site && origin && origin === new URL(c.req.url).origin) return;
	throw new Forbidden(
		'cross-site-request',
		'Request refused: it did not come from Ordo',
		'Changes made with a signed-in session must be sent from Ordo itself.'
	);
}
