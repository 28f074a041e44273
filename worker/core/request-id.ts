import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './context';

/** Every response carries the id a person quotes to support; problems carry it too. */
export const requestId = createMiddleware<AppEnv>(async (c, next) => {
	const id = crypto.randomUUID();
	c.set('requestId', id);
	await next();
	c.header('x-request-id', id);
});
