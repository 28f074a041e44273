import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './context';
import { Invalid } from './errors';

/**
 * For routes that take work from the phone's outbox (a transfer receipt, a count): the
 * outbox may send the same work twice (a lost answer, a retry after sign-in), and only the
 * Idempotency-Key makes the second a replay instead of a second receipt. Without one the
 * request is refused (422) rather than risk counting stock twice. Goes after permit(),
 * which validates the key and replays a stored answer. Declare it in doc() too
 * (`idempotencyKeyRequired: true`) so the OpenAPI document says so.
 */
export const requireIdempotencyKey = createMiddleware<AppEnv>(async (c, next) => {
	if (!c.req.header('idempotency-key'))
		throw new Invalid(
			'idempotency-key-required',
			'This request needs an Idempotency-Key',
			'Send a unique Idempotency-Key header (a random UUID) with each piece of work, and the same key when retrying it, so it is applied once.'
		);
	return next();
});
