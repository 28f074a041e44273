import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './context';
import { problem } from './problem';

/**
 * A cap on JSON request bodies, inside the API so it holds in workerd too: the embedded
 * server refuses bodies over its own cap before they reach the app (scripts/serve), but
 * a Worker is handed up to 100 MB by the platform, which valibot would then parse whole
 * before saying a note is too long. Counted as the body streams in, so a missing or false
 * Content-Length does not get past it. Only JSON (or a body with no type) is capped: a
 * photo upload or a CSV file declares its own type and its own limit.
 */
export function jsonBodyLimit(maxBytes: number) {
	const limit = bodyLimit({
		maxSize: maxBytes,
		onError: (c) =>
			problem(c, 413, 'body-too-large', 'The request is too large', {
				detail: `Send at most ${Math.floor(maxBytes / 1024)} KiB of JSON in one request.`
			})
	});
	return createMiddleware<AppEnv>(async (c, next) => {
		const type = c.req.header('content-type') ?? '';
		if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
		if (type && !/json/i.test(type)) return next();
		return limit(c, next);
	});
}

/** Returns and claims: 256 KiB, far above a policy document of dozens of rules. */
export const RETURNS_BODY_LIMIT = 256 * 1024;
