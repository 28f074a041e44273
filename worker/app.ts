import { returnsMoneyRoutes } from './features/returns/resolve/routes';
import { Hono } from 'hono';
import type { AppEnv, Bindings } from './core/context';
import { database } from './core/database';
import { doc } from './core/doc';
import { onError } from './core/on-error';
import { buildOpenApi, OpenApiDocument } from './core/openapi';
import { allowedMethods } from './core/method-not-allowed';
import { permit } from './core/permit';
import { problem } from './core/problem';
import { requestId } from './core/request-id';
import { securityHeaders } from './core/security-headers-middleware';
import { auditRoutes } from './features/audit/routes';
import { sealAfterChanges } from './features/audit/seal-after-response';
import { recordRefusals } from './features/auth/record-refusals';
import { authRoutes } from './features/auth/routes';
import { customersRoutes } from './features/customers/routes';
import { duplicatesRoutes } from './features/customers/duplicates/routes';
import { customerDataRoutes } from './features/customers/data-routes';
import { customerImportRoutes } from './features/customers/import-routes';

import { fulfilmentRoutes } from './features/fulfilment/routes';
import { healthRoutes } from './features/health/routes';
import { integrationsRoutes } from './features/integrations/routes';
import { inventoryRoutes } from './features/inventory/routes';
import { integrationRoutes } from './features/inventory/integration/routes';
import { ordersRoutes } from './features/orders/routes';
import { paymentsRoutes } from './features/payments/routes';
import { purchasingRoutes } from './features/purchasing/routes';
import { usersRoutes } from './features/users/routes';
import { transfersRoutes } from './features/transfers/routes';
import { reportsRoutes } from './features/reports/routes';
import { countsRoutes } from './features/counts/routes';
import { webhooksRoutes } from './features/webhooks/routes';
import { scanRoutes } from './features/scan/routes';
import { returnsRoutes } from './features/returns/routes';
import { syncRoutes } from './features/sync/routes';
import { receivingRoutes } from './features/returns/receiving/routes';
import { claimsRoutes } from './features/returns/claims/routes';
import { returnSignalsRoutes } from './features/returns/signals/routes';
import { returnReportsRoutes } from './features/reports/returns/routes';
import { evidenceRoutes } from './features/returns/evidence/routes';

// Typed apart from `api`, which it calls: its own type must not depend on the app's.
const dispatchToApi = (request: Request, env: Bindings): Promise<Response> =>
	Promise.resolve(api.fetch(request, env));

/**
 * The Hono API, mounted at /api by web/hooks.server.ts. One sub-app per feature;
 * every route starts with permit(...) (deny by default, see core/permit.ts).
 */
export const api = new Hono<AppEnv>()
	.basePath('/api')
	.use(securityHeaders)
	.use(requestId)
	.use(database)
	.use(sealAfterChanges)
	.use(recordRefusals)
	.route('/health', healthRoutes)
	.route('/auth', authRoutes)
	.route('/audit', auditRoutes)
	.route('/inventory', inventoryRoutes)
	// Before customersRoutes: its GET /:id would take /duplicates and /merges for an id.
	.route('/customers', duplicatesRoutes)
	.route('/customers', customersRoutes)
	.route('/orders', ordersRoutes)
	.route('/fulfilment', fulfilmentRoutes)
	.route('/users', usersRoutes)
	.route('/integrations', integrationsRoutes)
	.route('/', paymentsRoutes)
	.route('/customers', customerImportRoutes)
	.route('/customers', customerDataRoutes)
	.route('/transfers', transfersRoutes)
	.route('/reports', reportsRoutes)
	.route('/purchasing', purchasingRoutes)
	.route('/counts', countsRoutes)
	.route('/webhooks', webhooksRoutes)
	// Issue 8: the integration API and CSV files of an external inventory system.
	.route('/inventory', integrationRoutes)
	.route('/scan', scanRoutes)
	.route('/returns', returnsRoutes)
	// Issue 11, money back: resolving returns, goodwill, overrides, store credit.
	.route('/', returnsMoneyRoutes)
	// Issue 10: the outbox's batch; each item goes to its own route through this same app.
	.route('/sync', syncRoutes(dispatchToApi))
	.route('/returns', receivingRoutes)
	.route('/claims', claimsRoutes)
	.route('/customers', returnSignalsRoutes)
	.route('/reports', returnReportsRoutes)
	// Issue 11, evidence photos: /returns/:id/units/:unitId/evidence, /claims/:id/evidence, reads.
	.route('/', evidenceRoutes);

api.get(
	'/openapi.json',
	permit('public'),
	doc({ summary: 'This document', tags: ['meta'], response: OpenApiDocument }),
	(c) => c.json(buildOpenApi(api))
);
api.notFound((c) => {
	// A known path asked with a method it does not take (DELETE a return, TRACE): 405.
	const allow = allowedMethods(api.routes, c.req.path);
	if (allow.length === 0) return problem(c, 404, 'route-not-found', 'No such API route');
	c.header('allow', allow.join(', '));
	return problem(c, 405, 'method-not-allowed', 'This route does not take this method', {
		detail: `Use ${allow.join(' or ')}.`
	});
});
api.onError(onError);

export type Api = typeof api;
