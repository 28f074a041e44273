import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './context';
import { applySecurityHeaders } from './security-headers';

export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
	await next();
	applySecurityHeaders(c.res.headers, { api: true });
});
