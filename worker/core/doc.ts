import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './context';
import { tag, type RouteDoc } from './route-meta';

/** Describes a route for the OpenAPI document; does nothing at run time. */
export function doc(description: RouteDoc) {
	return tag(
		createMiddleware<AppEnv>((_c, next) => next()),
		{ kind: 'doc', doc: description }
	);
}
