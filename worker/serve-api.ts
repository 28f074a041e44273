// The API entered from a server rather than from SvelteKit's hooks: the embedded Node
// server (scripts/serve/app.ts) hands /api/* straight to the Hono app, skipping
// SvelteKit's request handling (a few hundred microseconds a request that an API call
// does not need). It does what web/hooks.server.ts does for /api in the Worker: the
// bindings, and the client address from the connection, never from a header the client
// sent. The build emits this file beside the server (scripts/build/server-entries.ts),
// sharing its chunks, so the process holds one instance of the app.
import { api } from './app';
import { CLIENT_IP_HEADER } from './core/client-ip';
import type { Bindings } from './core/context';

export function isApiPath(pathname: string): boolean {
	return pathname === '/api' || pathname.startsWith('/api/');
}

export function serveApi(
	request: Request,
	{ env, clientAddress }: { env: Bindings; clientAddress: string | null }
): Response | Promise<Response> {
	request.headers.delete(CLIENT_IP_HEADER);
	if (clientAddress) request.headers.set(CLIENT_IP_HEADER, clientAddress);
	return api.fetch(request, env);
}
