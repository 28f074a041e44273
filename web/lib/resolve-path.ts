import type { PathnameWithSearchOrHash } from '$app/types';

/**
 * A path worked out at run time (safeNext, signInHref, mfaHref), in the type resolve()
 * accepts: `goto(resolve(runtimeRoute(next)))`. resolve() is typed route by route, and
 * TypeScript stops matching a union argument against those signatures once an app has
 * more than 25 routes. These paths are same-origin pathnames already (auth/next.ts), so
 * the one cast lives here rather than at every call.
 */
export function runtimeRoute(path: PathnameWithSearchOrHash): '/' {
	return path as '/';
}
