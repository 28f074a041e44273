import type { Handle } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { api } from '../worker/app';
import type { Bindings } from '../worker/core/context';
import { CLIENT_IP_HEADER } from '../worker/core/client-ip';
import { applySecurityHeaders } from '../worker/core/security-headers';

const PAYMENT_BINDINGS = [
	'PAYMENT_PROVIDER',
	'STRIPE_SECRET_KEY',
	'STRIPE_WEBHOOK_SECRET',
	'SANDBOX_PAY_URL',
	'SANDBOX_PAY_SECRET_KEY',
	'SANDBOX_PAY_WEBHOOK_SECRET'
] as const;

// The payment provider's configuration (worker/features/payments/configure.ts).
function paymentBindings(
	platform: Bindings | undefined,
	process: Record<string, string | undefined>
) {
	return Object.fromEntries(
		PAYMENT_BINDINGS.map((name) => [name, platform?.[name] ?? process[name]])
	);
}

function clientAddress(getClientAddress: () => string): string | null {
	try {
		return getClientAddress();
	} catch {
		return null;
	}
}

// One Worker: /api/* goes to the Hono app; everything else is SvelteKit.
// In workerd the bindings come from the platform; under Node (npm start) from
// the process environment, which $env/dynamic/private exposes.
export const handle: Handle = async ({ event, resolve }) => {
	if (event.url.pathname.startsWith('/api/') || event.url.pathname === '/api') {
		const bindings = {
			LIBSQL_URL: event.platform?.env?.LIBSQL_URL ?? env.LIBSQL_URL,
			LIBSQL_AUTH_TOKEN: event.platform?.env?.LIBSQL_AUTH_TOKEN ?? env.LIBSQL_AUTH_TOKEN,
			ORDO_DATA_KEY: event.platform?.env?.ORDO_DATA_KEY ?? env.ORDO_DATA_KEY,
			...paymentBindings(event.platform?.env, env),
			// Photos (returns evidence): the R2 bucket on Workers and under `vite dev` (the
			// adapter's platform emulation). Under Node the API is served by worker/serve-api.ts
			// with the disk bucket; pages render in the browser, so no server-side fetch needs it.
			EVIDENCE: event.platform?.env?.EVIDENCE
		};
		const request = new Request(event.request);
		request.headers.delete(CLIENT_IP_HEADER);
		const ip = clientAddress(event.getClientAddress);
		if (ip) request.headers.set(CLIENT_IP_HEADER, ip);
		return api.fetch(request, bindings, event.platform?.ctx);
	}
	const response = await resolve(event);
	applySecurityHeaders(response.headers, { api: false });
	return response;
};
