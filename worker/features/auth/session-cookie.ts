import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { SESSION_COOKIE } from '../../core/access/session-policy';

// `__Host-` (prefix 'host'): Secure, Path=/, no Domain, so no subdomain can set or
// read it. HttpOnly keeps it from scripts; Lax keeps it off cross-site POSTs.
export function setSessionCookie(c: Context, session: { token: string; expiresAt: number }) {
	setCookie(c, SESSION_COOKIE, session.token, {
		path: '/',
		secure: true,
		httpOnly: true,
		sameSite: 'Lax',
		prefix: 'host',
		expires: new Date(session.expiresAt)
	});
}

export function clearSessionCookie(c: Context) {
	deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true, prefix: 'host' });
}
