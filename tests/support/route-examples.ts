import type { TestApi } from './test-api';
import { createLocation, createProduct } from './factories';

// A valid request for every route of the API. The route-table tests fail when a
// route has no example here, so each new route is checked for access and for
// "one round trip per mutation" from the day it is added.
export type Example = { path: string; json?: unknown };
export type Fixtures = { productId: string; locationId: string };

export async function createFixtures(t: TestApi): Promise<Fixtures> {
	const product = await createProduct(t.db);
	const location = await createLocation(t.db);
	return { productId: product.id, locationId: location.id };
}

export const EXAMPLES: Record<string, (f: Fixtures) => Example> = {
	'GET /api/health': () => ({ path: '/api/health' }),
	'GET /api/openapi.json': () => ({ path: '/api/openapi.json' }),
	'POST /api/auth/sign-in': () => ({
		path: '/api/auth/sign-in',
		json: { email: 'nobody@ordo.test', password: 'x' }
	}),
	'POST /api/auth/sign-out': () => ({ path: '/api/auth/sign-out' }),
	'GET /api/auth/me': () => ({ path: '/api/auth/me' }),
	'GET /api/auth/permissions': () => ({ path: '/api/auth/permissions' }),
	'GET /api/inventory/products': () => ({ path: '/api/inventory/products?q=lantern' }),
	'GET /api/inventory/products/:id': (f) => ({ path: `/api/inventory/products/${f.productId}` }),
	'POST /api/inventory/adjustments': (f) => ({
		path: '/api/inventory/adjustments',
		json: { productId: f.productId, locationId: f.locationId, delta: 1, reason: 'route check' }
	}),
	'GET /api/audit': () => ({ path: '/api/audit?action=auth.*&limit=5' }),
	'GET /api/audit/verify': () => ({ path: '/api/audit/verify' }),
	'GET /api/audit/export': () => ({ path: '/api/audit/export?outcome=failure' }),
	'GET /api/audit/retention': () => ({ path: '/api/audit/retention' }),
	'PUT /api/audit/retention': () => ({ path: '/api/audit/retention', json: { months: 12 } }),
	'POST /api/audit/purge': () => ({ path: '/api/audit/purge' })
};

// Mutations that cannot be one round trip, and why. Everything else must be.
export const ROUND_TRIP_EXCEPTIONS: Record<string, string> = {
	// The password hash has to be read before it can be checked in code.
	'POST /api/auth/sign-in': 'reads the hash, then writes the outcome'
};
