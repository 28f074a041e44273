import type { RouterRoute } from 'hono/types';

/**
 * The methods the API answers on a path, for a 405 instead of a 404 when a known path is
 * asked with a method it does not take (RFC 9110 §15.5.6: with an `Allow` header). The
 * embedded server refuses unknown methods before the app; in workerd every method reaches
 * it, so the app says this itself. Middleware (`ALL`) is not a route.
 */
export function allowedMethods(routes: readonly RouterRoute[], path: string): string[] {
	const allowed = new Set<string>();
	for (const route of routes) {
		if (route.method === 'ALL') continue;
		if (patternOf(route.path).test(path)) allowed.add(route.method.toUpperCase());
	}
	return [...allowed].sort();
}

const compiled = new Map<string, RegExp>();

/** Hono's path syntax as a regex: `:name`, `:name{re}`, `:name?` and `*`. */
function patternOf(path: string): RegExp {
	let re = compiled.get(path);
	if (re) return re;
	const source = path
		.split('/')
		.map((segment) => {
			if (segment === '*') return '.*';
			const param = /^:[\w-]+(\{(.+)\})?(\?)?$/.exec(segment);
			if (param) return `(?:${param[2] ?? '[^/]+'})${param[3] ? '?' : ''}`;
			return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		})
		.join('/');
	re = new RegExp(`^${source}/?$`);
	compiled.set(path, re);
	return re;
}
