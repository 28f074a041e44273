// What tests/edge/built-worker.ts asks of the running bundle, in the order a person
// meets it. Each check returns a short detail for the report or throws why it failed.
import type { DemoUser } from '../../scripts/seed/demo-users';
import { SECURITY_HEADERS } from '../../worker/core/security-headers';

export type Check = { name: string; run: () => Promise<string> };
export type Context = {
	base: URL;
	newestMigration: string;
	user: DemoUser;
	serviceWorker: boolean;
};

const REQUEST_TIMEOUT_MS = 20_000;

function ensure(condition: unknown, message: string): asserts condition {
	if (!condition) throw new Error(message);
}

function get(base: URL, path: string, init: RequestInit = {}): Promise<Response> {
	return fetch(new URL(path, base), {
		redirect: 'manual',
		signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
		...init
	});
}

async function ok(res: Response, what: string): Promise<Response> {
	if (res.status !== 200) {
		throw new Error(`${what} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
	}
	return res;
}

/** The security headers `_headers` gives files served without the Worker (scripts/build/adapter.ts). */
function staticSecurityHeaders(res: Response, what: string): void {
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
		ensure(res.headers.get(name) === value, `${what} lacks ${name}: ${value}`);
	}
}

/** Both round-trip headers, which every API response through the Worker carries. */
function roundTrips(res: Response): string {
	const total = res.headers.get('x-ordo-db-round-trips');
	const auth = res.headers.get('x-ordo-db-auth-round-trips');
	ensure(total !== null && /^\d+$/.test(total), 'no x-ordo-db-round-trips header');
	ensure(auth !== null && /^\d+$/.test(auth), 'no x-ordo-db-auth-round-trips header');
	return `${total} db round trip(s), ${auth} for the session`;
}

/** The page, its security headers, and the files that make Ordo installable. */
export function pwaChecks({ base, serviceWorker }: Context): Check[] {
	const checks: Check[] = [
		{
			name: 'GET / renders HTML under a strict CSP, with HSTS and no-referrer',
			run: async () => {
				const res = await ok(await get(base, '/'), 'GET /');
				ensure(res.headers.get('content-type')?.startsWith('text/html'), 'not HTML');
				const csp = res.headers.get('content-security-policy') ?? '';
				const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
				const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
				const hashed = /'sha(256|384|512)-/.test(scriptSrc);
				ensure(nonce || hashed, `script-src has no nonce or hash: "${scriptSrc}"`);
				ensure(!scriptSrc.includes("'unsafe-inline'"), "script-src allows 'unsafe-inline'");
				const html = await res.text();
				if (nonce) ensure(html.includes(`nonce="${nonce}"`), 'the CSP nonce is not in the page');
				const hsts = res.headers.get('strict-transport-security') ?? '';
				ensure(/max-age=\d{7,}/.test(hsts), `HSTS missing or short: "${hsts}"`);
				const referrer = res.headers.get('referrer-policy');
				ensure(referrer === 'no-referrer', `referrer-policy is ${referrer}`);
				return nonce ? 'CSP nonce matches the page' : 'CSP script hashes';
			}
		},
		{
			name: 'GET /manifest.webmanifest serves the web app manifest',
			run: async () => {
				const res = await ok(await get(base, '/manifest.webmanifest'), 'the manifest');
				const type = res.headers.get('content-type') ?? '';
				ensure(/manifest\+json|application\/json/.test(type), `content-type is ${type}`);
				staticSecurityHeaders(res, 'the manifest');
				const manifest = (await res.json()) as { name?: string; icons?: unknown[] };
				ensure(manifest.name && manifest.icons?.length, 'the manifest has no name or icons');
				return `"${manifest.name}", ${manifest.icons.length} icons`;
			}
		}
	];
	if (serviceWorker) {
		checks.push({
			name: 'GET /service-worker.js serves the service worker',
			run: async () => {
				const res = await ok(await get(base, '/service-worker.js'), 'the service worker');
				const type = res.headers.get('content-type') ?? '';
				ensure(type.includes('javascript'), `content-type is ${type}`);
				staticSecurityHeaders(res, 'the service worker');
				const size = (await res.text()).length;
				ensure(size > 0, 'the service worker is empty');
				return `${size} bytes`;
			}
		});
	}
	return checks;
}

/** Health, then a warehouse person signs in, searches and opens a product. */
export function pageChecks({ base, newestMigration, user }: Context): Check[] {
	let cookie = '';
	let productId = '';
	const api = (path: string) => get(base, path, { headers: { cookie } });
	return [
		{
			name: 'GET /api/health reports the newest migration',
			run: async () => {
				const res = await ok(await get(base, '/api/health'), 'health');
				const body = (await res.json()) as { database: { level: string; pending: string[] } };
				ensure(body.database.level === newestMigration, `level is ${body.database.level}`);
				ensure(body.database.pending.length === 0, `pending: ${body.database.pending}`);
				return `level ${body.database.level}; ${roundTrips(res)}`;
			}
		},
		{
			name: `POST /api/auth/sign-in as the demo ${user.role} sets the session cookie`,
			run: async () => {
				const res = await get(base, '/api/auth/sign-in', {
					method: 'POST',
					headers: { origin: base.origin, 'content-type': 'application/json' },
					body: JSON.stringify({ email: user.email, password: user.password })
				});
				await ok(res, 'sign-in');
				const session = res.headers
					.getSetCookie()
					.find((c) => c.startsWith('__Host-ordo_session='));
				ensure(session, 'no __Host-ordo_session cookie');
				ensure(/HttpOnly/i.test(session) && /Secure/i.test(session), 'cookie not HttpOnly+Secure');
				cookie = session.split(';')[0]!;
				const body = (await res.json()) as { user: { role: string } };
				ensure(body.user.role === user.role, `signed in as ${body.user.role}`);
				return roundTrips(res);
			}
		},
		{
			name: 'GET /api/inventory/products?q=heart finds heart products',
			run: async () => {
				const res = await ok(await api('/api/inventory/products?q=heart'), 'search');
				const { items } = (await res.json()) as { items: { id: string; name: string }[] };
				ensure(items.length > 0, 'no results');
				ensure(
					items.some((i) => /heart/i.test(i.name)),
					'no result is named heart'
				);
				productId = items[0]!.id;
				return `${items.length} results; ${roundTrips(res)}`;
			}
		},
		{
			name: 'GET /api/inventory/products/:id opens the product with its stock',
			run: async () => {
				ensure(productId, 'no product from the search to open');
				const res = await ok(await api(`/api/inventory/products/${productId}`), 'detail');
				const body = (await res.json()) as { name: string; stock: unknown[] };
				ensure(Array.isArray(body.stock) && body.stock.length > 0, 'no stock per location');
				return `"${body.name}", ${body.stock.length} locations; ${roundTrips(res)}`;
			}
		}
	];
}
