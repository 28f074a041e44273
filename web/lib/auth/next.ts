import type { PathnameWithSearchOrHash } from '$app/types';

/**
 * Where to go after signing in. Only a path on this origin is accepted, so a
 * crafted link (`?next=//evil.example`) cannot bounce a person off-site after they
 * type their password (OWASP unvalidated redirects).
 */
export function safeNext(
	next: string | null | undefined,
	fallback: PathnameWithSearchOrHash = '/products'
): PathnameWithSearchOrHash {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
		return fallback;
	}
	// Browsers drop tabs and line breaks from URLs (`/\t/evil.example` is `//evil.example`),
	// and a backslash reads as a slash: a path with any of them, or any other control or
	// space character, is no path of Ordo's.
	if (/[\s\\\p{Cc}]/u.test(next)) return fallback;
	if (next === '/sign-in' || next.startsWith('/sign-in?')) return fallback;
	// A same-origin path; one that names no page gets the not-found page, nowhere else.
	return next as PathnameWithSearchOrHash;
}

/** The sign-in page, remembering the page the person was on. */
export function signInHref(
	from: URL | { pathname: string; search: string }
): PathnameWithSearchOrHash {
	const here = from.pathname + from.search;
	return here === '/' || here.startsWith('/sign-in')
		? '/sign-in'
		: `/sign-in?next=${encodeURIComponent(here)}`;
}
