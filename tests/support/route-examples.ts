import type { TestApi } from './test-api';
import {
	createCustomer,
	createLocation,
	createOrders,
	createProduct,
	createUser,
	insertApiKey,
	receiveStock
} from './factories';
import { createFulfilmentFixtures, type FulfilmentFixtures } from './orders-factory-fulfilment';
import { createFailedRefund, createPendingOrder } from './orders-factory';
import { createDuplicateFixtures, type DuplicateFixtures } from './duplicates-factory';
import { createTransferFixtures, type TransferFixtures } from './transfers-factory';
import { createPurchaseOrder, createSupplier, supplyItem } from './purchasing-factory';
import { createCountFixtures, type CountFixtures } from './counts-factory';
import { createReceivingFixtures, type ReceivingFixtures } from './receiving-factory';
import { createWebhookDelivery, createWebhookEndpoint } from './webhooks-factory';
import { createReturnFixtures, type ReturnFixtures } from './returns-route-fixtures';
import { DEFAULT_RETURN_POLICY } from '../../worker/features/returns/policy/decide';
import { createDeliveredOrder, insertReturn } from './returns-factory';
import { createEvidenceFixtures, photo, type EvidenceFixtures } from './evidence-factory';

// A valid request for every route of the API. The route-table tests fail when a
// route has no example here, so each new route is checked for access and for
// "one round trip per mutation" from the day it is added.
/**
 * `headers`: for routes that need one, e.g. the Idempotency-Key outbox routes require.
 * `body`: a raw (binary) body for routes that take one (a photo), sent with its
 * content-type in `headers`; `json` and `body` are never both set.
 */
export type Example = {
	path: string;
	json?: unknown;
	body?: Uint8Array<ArrayBuffer>;
	headers?: Record<string, string>;
};
let importedExamples = 0;
export type Fixtures = {
	productId: string;
	locationId: string;
	/** A non-admin account the user-admin examples act on (disable, role, MFA reset…). */
	staffUserId: string;
	/** A key the revoke example revokes, so no other test's key is touched. */
	apiKeyId: string;
	/** Orders each transition example takes one of (a transition changes its order). */
	orders: { toHold: string[]; toRelease: string[]; toCancel: string[]; any: string };
	/** A paid order and shipments in each state (each mutation is called several times). */
	fulfilment: FulfilmentFixtures;
	/** A pending_payment order (payments) and a failed refund the manual path records. */
	orderId: string;
	failedRefundId: string;
	/** Customers: one to add to, pools of children to remove and of profiles to edit (each at version 1). */
	customer: {
		id: string;
		toUpdate: string[];
		emailIds: string[];
		phoneIds: string[];
		addressIds: string[];
	};
	/** Customer pairs to merge (one per call) and merges to undo (one per call). */
	duplicates: DuplicateFixtures;
	/** A customer to export, and a pool to erase (each erasure uses one up). */
	customers: { any: string; toErase: string[] };
	/** Draft transfers to send and to cancel (one per call), a sent one to receive from. */
	transfers: TransferFixtures;
	/** Reordering: a supplier, a sent PO to receive into, pools of POs to approve, send, cancel. */
	purchasing: {
		supplierId: string;
		sentId: string;
		toApprove: string[];
		toSend: string[];
		toCancel: string[];
	};
	/** Count tasks and waiting count lines (issue 8). */
	counts: CountFixtures;
	/** An outbound webhook endpoint (never sent to: the tests run no delivery) and a dead delivery. */
	webhooks: { endpointId: string; deliveryId: string };
	/** The product's SKU and the location's code (the integration API names them so). */
	sku: string;
	locationCode: string;
	/** A product only the set-level example touches: 100 on hand at version 2, always. */
	levelSku: string;
	/** Returns (issue 11): an order to authorise from, pools of returns to cancel and reject. */
	returns: ReturnFixtures;
	/** Returns money back (issue 11): a paid return for goodwill, a customer's credit entries to reverse. */
	money: MoneyFixtures;
	/** Returns receiving (issue 11): an authorised return with a unit in quarantine. */
	receiving: ReceivingFixtures;
	/** Claims (issue 11): a delivered order to claim one unit of per call, and lost-parcel
	 *  claims to receive back (one per call), and their customer for the signals. */
	claims: { orderId: string; customerId: string; lostParcels: string[] };
	/** Evidence photos (issue 11): a received unit, a claim, and a kept photo to read back. */
	evidence: EvidenceFixtures;
};

// Each route-table and route-contract file calls a route about 35 times (every role,
// every single-permission key, the round-trip and contract checks).
const POOL = 50;
const take = (pool: string[]) => pool.pop() ?? 'pool-exhausted';

// The n-th call of a route takes the n-th fixture: packing or shipping one shipment twice is a 409.
const turns = new Map<string, number>();
function nextOf(route: string, ids: string[]): string {
	const n = turns.get(route) ?? 0;
	turns.set(route, n + 1);
	return ids[n % ids.length]!;
}

export async function createFixtures(t: TestApi): Promise<Fixtures> {
	const product = await createProduct(t.db);
	const location = await createLocation(t.db);
	const staff = await createUser(t.db, { role: 'warehouse' });
	const { id: apiKeyId } = await insertApiKey(t.db, ['inventory.read'], 'route check');
	await receiveStock(t.db, { productId: product.id, locationId: location.id, onHand: 10_000 });
	const at = { productId: product.id, locationId: location.id, count: POOL };
	const ids = async (o: Parameters<typeof createOrders>[1]) =>
		(await createOrders(t.db, o)).map((r) => r.id);
	const orders = {
		toHold: await ids({ ...at, status: 'paid' }),
		toRelease: await ids({ ...at, status: 'on_hold', heldFrom: 'paid' }),
		toCancel: await ids({ ...at, status: 'pending_payment' }),
		any: (await ids({ ...at, count: 1 }))[0]!
	};
	const fulfilment = await createFulfilmentFixtures(t.db, location.id);
	const order = await createPendingOrder(t.db);
	const { refundId: failedRefundId } = await createFailedRefund(t.db);
	return {
		productId: product.id,
		locationId: location.id,
		staffUserId: staff.id,
		apiKeyId,
		orders,
		fulfilment,
		orderId: order.id,
		failedRefundId,
		customer: await createCustomerFixtures(t),
		duplicates: await createDuplicateFixtures(t.db, POOL),
		purchasing: await createPurchasingFixtures(t, product.id, location.id),
		sku: product.sku,
		locationCode: location.code,
		levelSku: await levelFixture(t, location.id),
		customers: {
			any: (await createCustomer(t.db)).id,
			toErase: await Promise.all(
				Array.from({ length: POOL }, async () => (await createCustomer(t.db)).id)
			)
		},
		transfers: await createTransferFixtures(t.db, {
			productId: product.id,
			from: location.id,
			pool: POOL
		}),
		counts: await createCountFixtures(t.db, {
			productId: product.id,
			locationId: location.id,
			pool: POOL
		}),
		webhooks: await createWebhookFixtures(t),
		returns: await createReturnFixtures(t.db, POOL),
		money: await createMoneyFixtures(t),
		receiving: await createReceivingFixtures(t.db),
		claims: await createClaimFixtures(t),
		evidence: await createEvidenceFixtures(t)
	};
}

async function createClaimFixtures(t: TestApi): Promise<Fixtures['claims']> {
	const order = await createDeliveredOrder(t.db, { lines: [{ quantity: 500, priceMinor: 100 }] });
	const lost = await createDeliveredOrder(t.db, { lines: [{ quantity: POOL }] });
	const lostParcels: string[] = [];
	for (let i = 0; i < POOL; i++)
		lostParcels.push(
			(
				await insertReturn(t.db, lost, {
					kind: 'claim',
					lines: [{ orderLine: 1, quantity: 1, reasonCode: 'lost_parcel' }]
				})
			).id
		);
	return { orderId: order.id, customerId: order.customerId, lostParcels };
}

async function createPurchasingFixtures(
	t: TestApi,
	productId: string,
	locationId: string
): Promise<Fixtures['purchasing']> {
	const { id: supplierId } = await createSupplier(t.db, { name: 'Route Check Supplies' });
	await supplyItem(t.db, { supplierId, productId, unitCostMinor: 120 });
	const at = {
		supplierId,
		locationId,
		lines: [{ productId, orderedQty: 100_000, unitCostMinor: 120 }]
	};
	return {
		supplierId,
		sentId: (await createPurchaseOrder(t.db, { ...at, status: 'sent' }))[0]!,
		toApprove: await createPurchaseOrder(t.db, { ...at, status: 'draft', count: POOL }),
		toSend: await createPurchaseOrder(t.db, { ...at, status: 'approved', count: POOL }),
		toCancel: await createPurchaseOrder(t.db, { ...at, status: 'draft', count: POOL })
	};
}

async function createWebhookFixtures(t: TestApi): Promise<Fixtures['webhooks']> {
	const { id: endpointId } = await createWebhookEndpoint(t.db, { events: ['order.*'] });
	return { endpointId, deliveryId: await createWebhookDelivery(t.db, endpointId) };
}

async function levelFixture(t: TestApi, locationId: string): Promise<string> {
	const product = await createProduct(t.db);
	await receiveStock(t.db, { productId: product.id, locationId, onHand: 100 });
	return product.sku;
}

async function createCustomerFixtures(t: TestApi): Promise<Fixtures['customer']> {
	const { id } = await createCustomer(t.db, { name: 'Route Check' });
	const toUpdate = await Promise.all(
		Array.from({ length: POOL }, async () => (await createCustomer(t.db)).id)
	);
	const many = (table: string, values: (i: number) => string) =>
		Array.from({ length: POOL }, (_, i) => ({
			childId: crypto.randomUUID(),
			sql: values(i),
			table
		}));
	const emails = many(
		'customer_emails',
		(i) => `'route.${i}@example.test', 'route.${i}@example.test'`
	);
	const phones = many('customer_phones', (i) => `'+4420794610${String(i).padStart(2, '0')}', 'x'`);
	const addresses = many('customer_addresses', (i) => `'shipping', '${i} Route Street', 'GB'`);
	const columns: Record<string, string> = {
		customer_emails: 'email, original',
		customer_phones: 'e164, original',
		customer_addresses: 'kind, line1, country'
	};
	await t.client.batch(
		[...emails, ...phones, ...addresses].map(
			(r) =>
				`INSERT INTO ${r.table} (id, customer_id, ${columns[r.table]}) VALUES ('${r.childId}', '${id}', ${r.sql})`
		),
		'write'
	);
	const ids = (rows: { childId: string }[]) => rows.map((r) => r.childId);
	return { id, toUpdate, emailIds: ids(emails), phoneIds: ids(phones), addressIds: ids(addresses) };
}

type MoneyFixtures = { returnId: string; customerId: string; toReverse: string[] };

async function createMoneyFixtures(t: TestApi): Promise<MoneyFixtures> {
	const order = await createDeliveredOrder(t.db, {
		lines: [{ quantity: 1, priceMinor: 1_000_000 }]
	});
	const ret = await insertReturn(t.db, order, { lines: [{ orderLine: 1, quantity: 1 }] });
	const toReverse = Array.from({ length: POOL }, () => crypto.randomUUID());
	await t.client.batch(
		toReverse.map(
			(id) =>
				`INSERT INTO store_credit_entries (id, customer_id, currency, amount_minor, kind, idempotency_key, created_at) VALUES ('${id}', '${order.customerId}', 'GBP', 100, 'goodwill', '${id}', 1)`
		),
		'write'
	);
	return { returnId: ret.id, customerId: order.customerId, toReverse };
}

// Fresh values for each call of a route that adds one (adding the same twice is a 409).
let added = 0;
const fresh = () => String(++added).padStart(3, '0');

export const EXAMPLES: Record<string, (f: Fixtures) => Example> = {
	// Payments: with no provider configured here they answer 503 after access is decided;
	// tests/api/payments-*.test.ts run them against the sandbox.
	'POST /api/orders/:id/payment-link': (f) => ({
		path: `/api/orders/${f.orderId}/payment-link`,
		json: {}
	}),
	'POST /api/orders/:id/payment/refresh': (f) => ({
		path: `/api/orders/${f.orderId}/payment/refresh`
	}),
	'POST /api/orders/:id/refunds': (f) => ({
		path: `/api/orders/${f.orderId}/refunds`,
		json: { amountMinor: 100, reason: 'route check' }
	}),
	'POST /api/refunds/:id/manual': (f) => ({
		path: `/api/refunds/${f.failedRefundId}/manual`,
		json: { note: 'route check transfer' }
	}),
	'POST /api/payments/webhooks/:provider': () => ({
		path: '/api/payments/webhooks/sandbox',
		json: {}
	}),
	'GET /api/health': () => ({ path: '/api/health' }),
	'GET /api/openapi.json': () => ({ path: '/api/openapi.json' }),
	'POST /api/auth/sign-in': () => ({
		path: '/api/auth/sign-in',
		json: { email: 'nobody@ordo.test', password: 'x' }
	}),
	'POST /api/auth/sign-out': () => ({ path: '/api/auth/sign-out' }),
	'GET /api/auth/me': () => ({ path: '/api/auth/me' }),
	// With a fully signed-in session these answer 409/422 (nothing owed, wrong code):
	// enough to show who may call them; their journeys are in tests/api/mfa.test.ts.
	'POST /api/auth/mfa/verify': () => ({ path: '/api/auth/mfa/verify', json: { code: '000000' } }),
	'POST /api/auth/mfa/enroll': () => ({ path: '/api/auth/mfa/enroll' }),
	'POST /api/auth/mfa/enroll/confirm': () => ({
		path: '/api/auth/mfa/enroll/confirm',
		json: { code: '000000' }
	}),
	'POST /api/auth/password': () => ({
		path: '/api/auth/password',
		json: { currentPassword: 'not my password', newPassword: 'a new long passphrase 99' }
	}),
	'GET /api/auth/permissions': () => ({ path: '/api/auth/permissions' }),
	'GET /api/auth/sessions': () => ({ path: '/api/auth/sessions' }),
	// A reference that is none of the caller's sessions: 404 after access is decided.
	'POST /api/auth/sessions/:id/end': () => ({ path: '/api/auth/sessions/0123456789abcdef/end' }),
	'GET /api/inventory/products': () => ({ path: '/api/inventory/products?q=lantern' }),
	'GET /api/inventory/products/:id': (f) => ({ path: `/api/inventory/products/${f.productId}` }),
	'POST /api/inventory/adjustments': (f) => ({
		path: '/api/inventory/adjustments',
		json: { productId: f.productId, locationId: f.locationId, delta: 1, reason: 'route check' }
	}),
	'GET /api/customers': () => ({ path: '/api/customers?q=an' }),
	'GET /api/orders': () => ({ path: '/api/orders?status=paid&limit=5' }),
	'POST /api/orders': (f) => ({
		path: '/api/orders',
		json: {
			lines: [{ productId: f.productId, locationId: f.locationId, quantity: 1 }],
			shipping: { method: 'Royal Mail 2nd class', amountMinor: 295 }
		}
	}),
	'GET /api/orders/:id': (f) => ({ path: `/api/orders/${f.orders.any}` }),
	'POST /api/orders/:id/hold': (f) => ({
		path: `/api/orders/${take(f.orders.toHold)}/hold`,
		json: { reason: 'route check' }
	}),
	'POST /api/orders/:id/release-hold': (f) => ({
		path: `/api/orders/${take(f.orders.toRelease)}/release-hold`,
		json: {}
	}),
	'POST /api/orders/:id/cancel': (f) => ({
		path: `/api/orders/${take(f.orders.toCancel)}/cancel`,
		json: { reason: 'route check' }
	}),
	'GET /api/fulfilment/locations': () => ({ path: '/api/fulfilment/locations' }),
	'GET /api/fulfilment/pick-list': (f) => ({
		path: `/api/fulfilment/pick-list?locationId=${f.locationId}&limit=10`
	}),
	'POST /api/fulfilment/orders/:orderId/shipments': (f) => ({
		path: `/api/fulfilment/orders/${f.fulfilment.orderId}/shipments`,
		json: { locationId: f.locationId, lines: [{ line: 1, quantity: 1 }] }
	}),
	'GET /api/fulfilment/shipments/:id': (f) => ({
		path: `/api/fulfilment/shipments/${f.fulfilment.pickShipmentId}`
	}),
	'POST /api/fulfilment/shipments/:id/picks': (f) => ({
		path: `/api/fulfilment/shipments/${f.fulfilment.pickShipmentId}/picks`,
		json: { code: f.fulfilment.sku }
	}),
	'POST /api/fulfilment/shipments/:id/pack': (f) => ({
		path: `/api/fulfilment/shipments/${nextOf('pack', f.fulfilment.packShipmentIds)}/pack`,
		json: {}
	}),
	'POST /api/fulfilment/shipments/:id/ship': (f) => ({
		path: `/api/fulfilment/shipments/${nextOf('ship', f.fulfilment.shipShipmentIds)}/ship`,
		json: { carrier: 'DPD', trackingNumber: '15501234' }
	}),
	'GET /api/audit': () => ({ path: '/api/audit?action=auth.*&limit=5' }),
	'GET /api/audit/verify': () => ({ path: '/api/audit/verify' }),
	'GET /api/audit/export': () => ({ path: '/api/audit/export?outcome=failure' }),
	'GET /api/audit/retention': () => ({ path: '/api/audit/retention' }),
	'PUT /api/audit/retention': () => ({ path: '/api/audit/retention', json: { months: 12 } }),
	'POST /api/audit/purge': () => ({ path: '/api/audit/purge' }),
	'GET /api/users': () => ({ path: '/api/users' }),
	// A fresh address each call: the matrix and the round-trip test both create one.
	'POST /api/users': () => ({
		path: '/api/users',
		json: {
			email: `staff.${crypto.randomUUID().slice(0, 8)}@ordo.test`,
			name: 'Route Check',
			role: 'support',
			password: 'purple tractor under the stairs'
		}
	}),
	'POST /api/users/me/sessions/revoke': () => ({ path: '/api/users/me/sessions/revoke' }),
	'GET /api/users/:id': (f) => ({ path: `/api/users/${f.staffUserId}` }),
	'POST /api/users/:id/role': (f) => ({
		path: `/api/users/${f.staffUserId}/role`,
		json: { role: 'support' }
	}),
	'POST /api/users/:id/disable': (f) => ({ path: `/api/users/${f.staffUserId}/disable` }),
	'POST /api/users/:id/enable': (f) => ({ path: `/api/users/${f.staffUserId}/enable` }),
	'POST /api/users/:id/sessions/revoke': (f) => ({
		path: `/api/users/${f.staffUserId}/sessions/revoke`
	}),
	'POST /api/users/:id/mfa/reset': (f) => ({ path: `/api/users/${f.staffUserId}/mfa/reset` }),
	'POST /api/users/:id/temporary-password': (f) => ({
		path: `/api/users/${f.staffUserId}/temporary-password`
	}),
	'GET /api/integrations/api-keys': () => ({ path: '/api/integrations/api-keys' }),
	'POST /api/integrations/api-keys': () => ({
		path: '/api/integrations/api-keys',
		json: { name: 'route check', permissions: ['inventory.read'] }
	}),
	'POST /api/integrations/api-keys/:id/revoke': (f) => ({
		path: `/api/integrations/api-keys/${f.apiKeyId}/revoke`
	}),
	'POST /api/fulfilment/shipments/:id/deliver': (f) => ({
		path: `/api/fulfilment/shipments/${nextOf('deliver', f.fulfilment.deliverShipmentIds)}/deliver`,
		json: {}
	}),
	// Customers (issue 9).
	'POST /api/customers': () => ({
		path: '/api/customers',
		json: {
			givenName: 'Route',
			familyName: 'Check',
			emails: [{ email: `route.check.${fresh()}@example.test` }],
			phones: [{ phone: `+44 20 7946 0${fresh()}` }],
			addresses: [
				{ kind: 'billing', line1: '1 Check Lane', postalCode: 'SW1A 1AA', country: 'GB' }
			],
			tags: ['route']
		}
	}),
	'GET /api/customers/:id': (f) => ({ path: `/api/customers/${f.customer.id}` }),
	'PATCH /api/customers/:id': (f) => ({
		path: `/api/customers/${take(f.customer.toUpdate)}`,
		json: { expectVersion: 1, preferredName: 'Checker', notes: 'route check' }
	}),
	'POST /api/customers/:id/emails': (f) => ({
		path: `/api/customers/${f.customer.id}/emails`,
		json: { email: `added.${fresh()}@example.test` }
	}),
	'DELETE /api/customers/:id/emails/:childId': (f) => ({
		path: `/api/customers/${f.customer.id}/emails/${take(f.customer.emailIds)}`
	}),
	'POST /api/customers/:id/phones': (f) => ({
		path: `/api/customers/${f.customer.id}/phones`,
		json: { phone: `+44 20 7946 0${fresh()}`, kind: 'home' }
	}),
	'DELETE /api/customers/:id/phones/:childId': (f) => ({
		path: `/api/customers/${f.customer.id}/phones/${take(f.customer.phoneIds)}`
	}),
	'POST /api/customers/:id/addresses': (f) => ({
		path: `/api/customers/${f.customer.id}/addresses`,
		json: { kind: 'shipping', line1: '2 Check Lane', postalCode: '1012ab', country: 'NL' }
	}),
	'DELETE /api/customers/:id/addresses/:childId': (f) => ({
		path: `/api/customers/${f.customer.id}/addresses/${take(f.customer.addressIds)}`
	}),
	'PUT /api/customers/:id/consents/:channel': (f) => ({
		path: `/api/customers/${f.customer.id}/consents/email`,
		json: { granted: true, source: 'route check' }
	}),
	// Duplicates and merges (issue 9): each merge takes a fresh pair, each undo a fresh merge.
	'GET /api/customers/duplicates': () => ({ path: '/api/customers/duplicates?limit=5' }),
	'POST /api/customers/duplicates/dismiss': (f) => ({
		path: '/api/customers/duplicates/dismiss',
		json: { a: f.duplicates.dismiss[0], b: f.duplicates.dismiss[1] }
	}),
	'GET /api/customers/duplicates/compare': (f) => ({
		path: `/api/customers/duplicates/compare?ids=${f.duplicates.dismiss.join(',')}`
	}),
	'GET /api/customers/merges': (f) => ({
		path: `/api/customers/merges?customerId=${f.duplicates.dismiss[0]}`
	}),
	'POST /api/customers/merges': (f) => {
		const [survivorId, mergedId] = f.duplicates.toMerge.pop() ?? [
			'pool-exhausted',
			'pool-exhausted'
		];
		return { path: '/api/customers/merges', json: { survivorId, mergedIds: [mergedId] } };
	},
	'POST /api/customers/merges/:id/undo': (f) => ({
		path: `/api/customers/merges/${take(f.duplicates.toUndo)}/undo`
	}),
	// A dry run: checks and previews, writes only its audit entry, so it can run every time.
	'POST /api/customers/import': () => ({
		path: '/api/customers/import',
		json: { csv: 'first_name,email\nRoute,route.check@example.com\n', dryRun: true }
	}),
	'GET /api/customers/:id/export': (f) => ({ path: `/api/customers/${f.customers.any}/export` }),
	'POST /api/customers/:id/erase': (f) => ({
		path: `/api/customers/${take(f.customers.toErase)}/erase`
	}),
	// A real import each call: a new invoice reference every time, so none is "already imported".
	'POST /api/orders/import': () => ({
		path: '/api/orders/import',
		json: {
			csv: `InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\nRT-${++importedExamples},85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom`
		}
	}),
	'GET /api/inventory/products/:id/movements': (f) => ({
		path: `/api/inventory/products/${f.productId}/movements?kind=receipt&limit=5`
	}),
	// Transfers (issue 8).
	'GET /api/transfers': () => ({ path: '/api/transfers?status=open&limit=5' }),
	'GET /api/transfers/locations': () => ({ path: '/api/transfers/locations' }),
	'POST /api/transfers': (f) => ({
		path: '/api/transfers',
		json: {
			fromLocationId: f.locationId,
			toLocationId: f.transfers.to,
			lines: [{ productId: f.productId, quantity: 1 }],
			note: 'route check'
		}
	}),
	'GET /api/transfers/:id': (f) => ({ path: `/api/transfers/${f.transfers.sent.id}` }),
	'POST /api/transfers/:id/send': (f) => ({
		path: `/api/transfers/${take(f.transfers.toSend)}/send`,
		json: {}
	}),
	'POST /api/transfers/:id/cancel': (f) => ({
		path: `/api/transfers/${take(f.transfers.toCancel)}/cancel`,
		json: { reason: 'route check' }
	}),
	// Inventory reports (issue 8).
	'GET /api/reports/inventory/valuation': () => ({ path: '/api/reports/inventory/valuation' }),
	'GET /api/reports/inventory/days-of-cover': () => ({
		path: '/api/reports/inventory/days-of-cover?days=30'
	}),
	'GET /api/reports/inventory/sell-through': () => ({
		path: '/api/reports/inventory/sell-through?days=30'
	}),
	'GET /api/reports/inventory/dead-stock': () => ({
		path: '/api/reports/inventory/dead-stock?days=90'
	}),
	'GET /api/reports/inventory/count-variances': () => ({
		path: '/api/reports/inventory/count-variances?days=30'
	}),
	// Outbox work: a fresh Idempotency-Key each call (required), one unit each time.
	'POST /api/transfers/:id/receipts': (f) => ({
		path: `/api/transfers/${f.transfers.sent.id}/receipts`,
		json: { lines: [{ productId: f.transfers.sent.productId, quantity: 1 }] },
		headers: { 'idempotency-key': crypto.randomUUID() }
	}),
	// Reordering (issue 8).
	'GET /api/purchasing/alerts': () => ({ path: '/api/purchasing/alerts?limit=5' }),
	'GET /api/purchasing/alerts/count': () => ({ path: '/api/purchasing/alerts/count' }),
	'PUT /api/purchasing/reorder-points/:productId/:locationId': (f) => ({
		path: `/api/purchasing/reorder-points/${f.productId}/${f.locationId}`,
		json: { reorderPoint: 5, reorderQty: 20 }
	}),
	'GET /api/purchasing/reorder-points/:productId/:locationId/suggestion': (f) => ({
		path: `/api/purchasing/reorder-points/${f.productId}/${f.locationId}/suggestion?days=28&safetyDays=7`
	}),
	'GET /api/purchasing/suppliers': () => ({ path: '/api/purchasing/suppliers' }),
	'POST /api/purchasing/suppliers': () => ({
		path: '/api/purchasing/suppliers',
		json: { name: `Route Supplier ${fresh()}`, email: 'orders@route.test', leadTimeDays: 4 }
	}),
	'PUT /api/purchasing/suppliers/:id/items/:productId': (f) => ({
		path: `/api/purchasing/suppliers/${f.purchasing.supplierId}/items/${f.productId}`,
		json: { supplierCode: 'RC-1', packSize: 6, unitCostMinor: 120 }
	}),
	'GET /api/purchasing/reorder': (f) => ({
		path: `/api/purchasing/reorder?locationId=${f.locationId}`
	}),
	'POST /api/purchasing/purchase-orders/drafts': (f) => ({
		path: '/api/purchasing/purchase-orders/drafts',
		json: { locationId: f.locationId }
	}),
	'GET /api/purchasing/purchase-orders': () => ({
		path: '/api/purchasing/purchase-orders?status=sent'
	}),
	'GET /api/purchasing/purchase-orders/:id': (f) => ({
		path: `/api/purchasing/purchase-orders/${f.purchasing.sentId}`
	}),
	'POST /api/purchasing/purchase-orders/:id/approve': (f) => ({
		path: `/api/purchasing/purchase-orders/${take(f.purchasing.toApprove)}/approve`,
		json: { expectVersion: 1 }
	}),
	'POST /api/purchasing/purchase-orders/:id/send': (f) => ({
		path: `/api/purchasing/purchase-orders/${take(f.purchasing.toSend)}/send`,
		json: { expectVersion: 1 }
	}),
	'POST /api/purchasing/purchase-orders/:id/cancel': (f) => ({
		path: `/api/purchasing/purchase-orders/${take(f.purchasing.toCancel)}/cancel`,
		json: { expectVersion: 1 }
	}),
	// Outbox work: Idempotency-Key is required, a fresh one each call.
	'POST /api/purchasing/purchase-orders/:id/receipts': (f) => ({
		path: `/api/purchasing/purchase-orders/${f.purchasing.sentId}/receipts`,
		json: { lines: [{ line: 1, quantity: 1 }] },
		headers: { 'idempotency-key': crypto.randomUUID() }
	}),
	// Counts (issue 8).
	'POST /api/counts/tasks': (f) => ({
		path: '/api/counts/tasks',
		json: { locationId: f.locationId, binPrefix: 'A-', blind: true, note: 'route check' }
	}),
	'GET /api/counts/tasks': (f) => ({
		path: `/api/counts/tasks?mine=true&locationId=${f.locationId}`
	}),
	'GET /api/counts/tasks/:id': (f) => ({ path: `/api/counts/tasks/${f.counts.taskId}` }),
	'POST /api/counts/tasks/:id/lines': (f) => ({
		path: `/api/counts/tasks/${f.counts.taskId}/lines`,
		json: {
			productId: f.productId,
			counted: 10_000,
			countedAt: new Date().toISOString(),
			deviceId: 'route-check'
		},
		headers: { 'idempotency-key': crypto.randomUUID() }
	}),
	'POST /api/counts/tasks/:id/submit': (f) => ({
		path: `/api/counts/tasks/${f.counts.taskId}/submit`
	}),
	'POST /api/counts/tasks/:id/close': (f) => ({
		path: `/api/counts/tasks/${take(f.counts.toClose)}/close`
	}),
	'GET /api/counts/approvals': (f) => ({
		path: `/api/counts/approvals?locationId=${f.locationId}`
	}),
	'POST /api/counts/lines/:id/approve': (f) => ({
		path: `/api/counts/lines/${take(f.counts.toApprove)}/approve`
	}),
	'POST /api/counts/lines/:id/recount': (f) => ({
		path: `/api/counts/lines/${take(f.counts.toRecount)}/recount`
	}),
	'GET /api/counts/approval-thresholds': () => ({ path: '/api/counts/approval-thresholds' }),
	'GET /api/counts/counters': () => ({ path: '/api/counts/counters' }),
	'PUT /api/counts/approval-thresholds': () => ({
		path: '/api/counts/approval-thresholds',
		json: { units: null, valueMinor: null }
	}),
	// Outbound webhooks (issue 8).
	'GET /api/webhooks/endpoints': () => ({ path: '/api/webhooks/endpoints' }),
	'POST /api/webhooks/endpoints': () => ({
		path: '/api/webhooks/endpoints',
		json: { url: 'https://erp.example.com/ordo', description: 'route check', events: ['stock.*'] }
	}),
	'PATCH /api/webhooks/endpoints/:id': (f) => ({
		path: `/api/webhooks/endpoints/${f.webhooks.endpointId}`,
		json: { description: 'route check', events: ['order.*', 'refund.*'] }
	}),
	'POST /api/webhooks/endpoints/:id/test': (f) => ({
		path: `/api/webhooks/endpoints/${f.webhooks.endpointId}/test`
	}),
	'GET /api/webhooks/endpoints/:id/deliveries': (f) => ({
		path: `/api/webhooks/endpoints/${f.webhooks.endpointId}/deliveries?limit=5`
	}),
	'POST /api/webhooks/deliveries/:id/replay': (f) => ({
		path: `/api/webhooks/deliveries/${f.webhooks.deliveryId}/replay`
	}),
	// The integration API (issue 8). Setting the level to what it is (a count that finds no
	// difference) keeps its version, so every call may send the same one.
	'GET /api/inventory/stock': (f) => ({ path: `/api/inventory/stock?sku=${f.sku}&limit=5` }),
	'PUT /api/inventory/stock/:sku/:location': (f) => ({
		path: `/api/inventory/stock/${f.levelSku}/${f.locationCode}`,
		json: { onHand: 100, expectedVersion: 2, reason: 'route check' }
	}),
	'POST /api/inventory/stock/deltas': (f) => ({
		path: '/api/inventory/stock/deltas',
		json: { deltas: [{ sku: f.sku, location: f.locationCode, delta: 1, reason: 'route check' }] },
		headers: { 'idempotency-key': crypto.randomUUID() }
	}),
	'POST /api/inventory/products/bulk': () => ({
		path: '/api/inventory/products/bulk',
		json: { products: [{ sku: `RC-${fresh()}`, name: 'Route check lantern', priceMinor: 450 }] }
	}),
	'GET /api/inventory/export/products': () => ({ path: '/api/inventory/export/products' }),
	'GET /api/inventory/export/stock': () => ({ path: '/api/inventory/export/stock' }),
	'POST /api/inventory/import/products': () => ({
		path: '/api/inventory/import/products',
		json: { csv: `sku,name,price\r\nRCI-${fresh()},Route check candle,3.50\r\n` }
	}),
	'POST /api/inventory/import/stock': (f) => ({
		path: '/api/inventory/import/stock',
		json: {
			csv: `sku,location,on_hand\r\n${f.sku},${f.locationCode},${20_000 + Number(fresh())}\r\n`
		}
	}),
	'GET /api/scan/:code': () => ({ path: '/api/scan/MAIN%3AA-03-2' }),
	'GET /api/inventory/catalogue': (f) => ({
		path: `/api/inventory/catalogue?locationId=${f.locationId}&limit=50`
	}),
	// Suppliers page (issue 8 follow-up).
	'GET /api/purchasing/suppliers/:id': (f) => ({
		path: `/api/purchasing/suppliers/${f.purchasing.supplierId}`
	}),
	// Returns, the rep's side (issue 11).
	'GET /api/returns/policy': () => ({ path: '/api/returns/policy' }),
	'PUT /api/returns/policy': () => ({
		path: '/api/returns/policy',
		json: { document: DEFAULT_RETURN_POLICY, note: 'Route check' }
	}),
	'GET /api/returns/reasons': () => ({ path: '/api/returns/reasons' }),
	'POST /api/returns/reasons': () => ({
		path: '/api/returns/reasons',
		json: { code: `route_check_${fresh()}`, label: 'Route check', parentCode: 'changed_mind' }
	}),
	'PATCH /api/returns/reasons/:code': () => ({
		path: '/api/returns/reasons/better_price',
		json: { sortOrder: 13 }
	}),
	'POST /api/returns/preview': (f) => ({
		path: '/api/returns/preview',
		json: {
			lines: [{ orderId: f.returns.orderId, orderLine: 1, quantity: 1, reasonCode: 'too_small' }]
		}
	}),
	'POST /api/returns': (f) => ({
		path: '/api/returns',
		json: {
			lines: [{ orderId: f.returns.orderId, orderLine: 1, quantity: 1, reasonCode: 'too_small' }]
		}
	}),
	'GET /api/returns': () => ({ path: '/api/returns?status=authorised&limit=10' }),
	'GET /api/returns/:id': (f) => ({ path: `/api/returns/${f.returns.anyId}` }),
	'POST /api/returns/:id/cancel': (f) => ({
		path: `/api/returns/${take(f.returns.toCancel)}/cancel`,
		json: { reason: 'Customer kept it' }
	}),
	'POST /api/returns/:id/lines/:line/cancel': (f) => ({
		path: `/api/returns/${take(f.returns.toCancelLine)}/lines/1/cancel`,
		json: {}
	}),
	'POST /api/returns/:id/lines/:line/reject': (f) => ({
		path: `/api/returns/${take(f.returns.toReject)}/lines/1/reject`,
		json: { reason: 'Outside the rules' }
	}),
	'POST /api/returns/held': (f) => ({
		path: '/api/returns/held',
		json: { sku: f.sku, quantity: 1, note: 'No paperwork in the parcel' }
	}),
	'PATCH /api/returns/:id/match': (f) => ({
		path: `/api/returns/${take(f.returns.toMatch)}/match`,
		json: { orderId: f.returns.orderId, orderLine: 1, reasonCode: 'too_small' }
	}),
	'PATCH /api/returns/:id/shipment': (f) => ({
		path: `/api/returns/${f.returns.anyId}/shipment`,
		json: { carrier: 'Royal Mail', trackingNumber: `RM${fresh()}GB` }
	}),
	// Returns money back (issue 11): goodwill of 1 each call, so every call can succeed.
	'GET /api/returns/:id/resolution': (f) => ({
		path: `/api/returns/${f.money.returnId}/resolution`
	}),
	'POST /api/returns/:id/resolve': (f) => ({
		path: `/api/returns/${f.money.returnId}/resolve`,
		json: { goodwill: { amountMinor: 1, reason: 'Route check goodwill' } },
		headers: { 'idempotency-key': crypto.randomUUID() }
	}),
	'GET /api/returns/:id/overrides': (f) => ({ path: `/api/returns/${f.money.returnId}/overrides` }),
	'POST /api/returns/:id/overrides': (f) => ({
		path: `/api/returns/${f.money.returnId}/overrides`,
		json: { rule: 'goodwill', reason: 'Route check override' }
	}),
	'GET /api/customers/:id/store-credit': (f) => ({
		path: `/api/customers/${f.money.customerId}/store-credit`
	}),
	'POST /api/customers/:id/store-credit': (f) => ({
		path: `/api/customers/${f.money.customerId}/store-credit`,
		json: { amountMinor: 100, note: 'Route check credit' },
		headers: { 'idempotency-key': crypto.randomUUID() }
	}),
	'POST /api/store-credit/:entryId/reverse': (f) => ({
		path: `/api/store-credit/${nextOf('reverse-credit', f.money.toReverse)}/reverse`,
		json: { note: 'Route check reversal' }
	}),
	// Issue 10: the outbox's batch; one adjustment, under a new key each call.
	'POST /api/sync/batch': (f) => ({
		path: '/api/sync/batch',
		json: {
			items: [
				{
					key: `route-check-${fresh()}`,
					method: 'POST',
					url: '/api/inventory/adjustments',
					sentAt: new Date().toISOString(),
					body: { productId: f.productId, locationId: f.locationId, delta: 1, reason: 'found' }
				}
			]
		}
	}),
	// Returns receiving (issue 11): each scan a new key (an unknown code is kept, flagged);
	// the unit stays in quarantine, so every call of the inspection can decide it again.
	'GET /api/returns/receiving/expected': (f) => ({
		path: `/api/returns/receiving/expected?locationId=${f.locationId}`
	}),
	'POST /api/returns/:id/receipts': (f) => ({
		path: `/api/returns/${f.receiving.returnId}/receipts`,
		json: { code: `ROUTE-CHECK-${fresh()}`, deviceTime: new Date().toISOString() },
		headers: { 'idempotency-key': crypto.randomUUID() }
	}),
	'GET /api/returns/receiving/quarantine/:productId': (f) => ({
		path: `/api/returns/receiving/quarantine/${f.productId}`
	}),
	'GET /api/returns/:id/receiving': (f) => ({
		path: `/api/returns/${f.receiving.returnId}/receiving`
	}),
	'POST /api/returns/:id/units/:unitId/inspection': (f) => ({
		path: `/api/returns/${f.receiving.returnId}/units/${f.receiving.unitId}/inspection`,
		json: { grade: 'opened', disposition: 'quarantine', note: 'Route check' }
	}),
	// Bulk inspection of a line (issue 11): quarantine again, so every call can decide it.
	'POST /api/returns/:id/lines/:line/inspection': (f) => ({
		path: `/api/returns/${f.receiving.returnId}/lines/1/inspection`,
		json: { grade: 'opened', disposition: 'quarantine', note: 'Route check' },
		headers: { 'idempotency-key': crypto.randomUUID() }
	}),
	// Claims, return-abuse signals and returns reports (issue 11).
	'POST /api/claims': (f) => ({
		path: '/api/claims',
		json: {
			orderId: f.claims.orderId,
			kind: 'damaged',
			lines: [{ orderLine: 1, quantity: 1 }],
			resolution: 'refund',
			note: 'route check'
		}
	}),
	'POST /api/claims/:id/parcel-returned': (f) => ({
		path: `/api/claims/${take(f.claims.lostParcels)}/parcel-returned`,
		json: {}
	}),
	'GET /api/customers/:id/return-signals': (f) => ({
		path: `/api/customers/${f.claims.customerId}/return-signals`
	}),
	'GET /api/reports/returns': () => ({ path: '/api/reports/returns?table=by-reason&days=30' }),
	// Evidence photos (issue 11): the body is the image itself.
	'POST /api/returns/:id/units/:unitId/evidence': (f) => ({
		path: `/api/returns/${f.evidence.returnId}/units/${f.evidence.unitId}/evidence`,
		body: photo('dent.jpg'),
		headers: { 'content-type': 'image/jpeg' }
	}),
	'POST /api/claims/:id/evidence': (f) => ({
		path: `/api/claims/${f.evidence.claimId}/evidence`,
		body: photo('dent.webp'),
		headers: { 'content-type': 'image/webp' }
	}),
	'GET /api/returns/:id/evidence': (f) => ({
		path: `/api/returns/${f.evidence.returnId}/evidence`
	}),
	'GET /api/returns/:id/evidence/:evidenceId': (f) => ({
		path: `/api/returns/${f.evidence.returnId}/evidence/${f.evidence.evidenceId}`
	})
};

// Mutations that cannot be one round trip, and why. Everything else must be.
export const ROUND_TRIP_EXCEPTIONS: Record<string, string> = {
	// The password hash has to be read before it can be checked in code.
	'POST /api/auth/sign-in': 'reads the hash, then writes the outcome',
	'POST /api/auth/password': 'reads the hash to check the current password, then writes',
	// Need a session that is still in the MFA step: tests/api/mfa.test.ts asserts one
	// round trip for set-up and verification with such a session.
	'POST /api/auth/mfa/verify': 'needs a session in the MFA step (mfa.test.ts)',
	'POST /api/auth/mfa/enroll': 'needs a session in the MFA step (mfa.test.ts)',
	'POST /api/auth/mfa/enroll/confirm': 'needs a session in the MFA step (mfa.test.ts)',
	// Needs a reference to one of the caller's own sessions: auth-session.test.ts asserts
	// one round trip with one.
	'POST /api/auth/sessions/:id/end': "needs one of the caller's session references",
	// Decide, then write (docs/architecture.md): one snapshot read, one write batch.
	'POST /api/orders': 'reads the products to price the order, then writes it in one batch',
	'POST /api/orders/:id/hold': 'decide, then write: the order snapshot, then one batch',
	'POST /api/orders/:id/release-hold': 'decide, then write: the order snapshot, then one batch',
	'POST /api/orders/:id/cancel': 'decide, then write: the order snapshot, then one batch',
	// Decide, then write (docs/architecture.md): read the order and its shipments, decide
	// in decide.ts, then one batch whose preconditions refuse a snapshot that moved.
	'POST /api/fulfilment/orders/:orderId/shipments': 'decide, then write: snapshot + one batch',
	'POST /api/fulfilment/shipments/:id/picks': 'decide, then write: snapshot + one batch',
	'POST /api/fulfilment/shipments/:id/pack': 'decide, then write: snapshot + one batch',
	'POST /api/fulfilment/shipments/:id/ship': 'decide, then write: snapshot + one batch',
	// Payments call the provider between a read and the write (payments-*.test.ts assert
	// the write is one batch); the webhook needs a signature, the manual path a failed refund.
	'POST /api/orders/:id/payment-link': 'reads the order, asks the provider, then writes',
	'POST /api/orders/:id/payment/refresh': 'reads the payment, asks the provider, then applies',
	'POST /api/orders/:id/refunds': 'claims the refund, asks the provider, then settles it',
	'POST /api/refunds/:id/manual': 'needs a failed refund each time (payments-refunds.test.ts)',
	'POST /api/payments/webhooks/:provider': 'needs a signed event (payments-webhooks.test.ts)',
	'POST /api/fulfilment/shipments/:id/deliver': 'decide, then write: snapshot + one batch',
	// Decide, then write: the group's snapshot (one batch), then one batch under its versions.
	'POST /api/customers/merges': 'decide, then write: the group snapshot, then one batch',
	'POST /api/customers/merges/:id/undo': 'decide, then write: the merge snapshot, then one batch',
	// Decide, then write: the customer's version and state, then one batch.
	'POST /api/customers/:id/erase': 'decide, then write: the customer snapshot, then one batch',
	// Decide, then write: what exists (customers, products, earlier imports) in one read,
	// then the whole file in one batch (orders-import.test.ts asserts the two).
	'POST /api/orders/import': 'reads what the file refers to, then writes it in one batch',
	// Transfers: decide, then write (the transfer and its lines, then one batch).
	'POST /api/transfers/:id/send': 'decide, then write: the transfer snapshot, then one batch',
	'POST /api/transfers/:id/cancel': 'decide, then write: the transfer snapshot, then one batch',
	'POST /api/transfers/:id/receipts': 'decide, then write: the transfer snapshot, then one batch',
	// Reordering (issue 8): decide, then write (reorder.test.ts asserts the receipt's two).
	'POST /api/purchasing/purchase-orders/drafts': 'reads the reorder proposal, then one batch',
	'POST /api/purchasing/purchase-orders/:id/approve': 'decide, then write: snapshot + one batch',
	'POST /api/purchasing/purchase-orders/:id/send': 'decide, then write: snapshot + one batch',
	'POST /api/purchasing/purchase-orders/:id/cancel': 'decide, then write: snapshot + one batch',
	'POST /api/purchasing/purchase-orders/:id/receipts': 'decide, then write: snapshot + one batch',
	// Counts (issue 8): decide, then write; the snapshot is one SELECT (counts.test.ts).
	'POST /api/counts/tasks/:id/lines': 'decide, then write: the place snapshot, then one batch',
	'POST /api/counts/lines/:id/approve': 'decide, then write: the line snapshot, then one batch',
	// Issue 8's integration API: SKUs and location codes name what to change, so one read
	// finds them (and the level's version, the catalogue's barcodes), then one batch.
	'PUT /api/inventory/stock/:sku/:location': 'decide, then write: the level, then one batch',
	'POST /api/inventory/stock/deltas': 'reads the named levels, then one batch of movements',
	'POST /api/inventory/products/bulk': 'reads existing SKUs and barcodes, then one batch',
	'POST /api/inventory/import/products': 'reads existing SKUs and barcodes, then one batch',
	'POST /api/inventory/import/stock': 'reads the levels of the file, then one batch',
	// Returns (issue 11): decide, then write (the policy engine decides on one read batch).
	'PUT /api/returns/policy': 'decide, then write: the current version, then one batch',
	'POST /api/returns/reasons': 'reads whether the code is used, then one batch',
	'PATCH /api/returns/reasons/:code': 'reads whether the reason exists, then one batch',
	'POST /api/returns':
		'decide, then write: orders, lines, policy and reasons in one read, then one batch',
	'POST /api/returns/:id/cancel': 'decide, then write: the return snapshot, then one batch',
	'POST /api/returns/:id/lines/:line/cancel':
		'decide, then write: the return snapshot, then one batch',
	'POST /api/returns/:id/lines/:line/reject':
		'decide, then write: the return snapshot, then one batch',
	'PATCH /api/returns/:id/shipment': 'decide, then write: the parcel snapshot, then one batch',
	'PATCH /api/returns/:id/match':
		'decide, then write: the held return, then the order facts, then one batch',
	// Returns money back (issue 11): decide, then write; resolve then sends its refunds.
	'POST /api/returns/:id/resolve': 'decide, then write: the return snapshot, then one batch',
	'POST /api/returns/:id/overrides': "reads the line's decision, then one batch",
	'POST /api/customers/:id/store-credit': 'finds the customer, then one batch',
	'POST /api/store-credit/:entryId/reverse': 'reads the entry, then one batch',
	// Returns receiving (issue 11): decide, then write (one snapshot SELECT, one batch).
	'POST /api/returns/:id/receipts': 'decide, then write: the return snapshot, then one batch',
	'POST /api/returns/:id/units/:unitId/inspection': 'decide, then write: snapshot + one batch',
	'POST /api/returns/:id/lines/:line/inspection': 'decide, then write: snapshot + one batch',
	// Claims (issue 11): decide, then write (returns-claims.test.ts asserts the two).
	'POST /api/claims': 'decide, then write: the order snapshot, then one batch',
	'POST /api/claims/:id/parcel-returned': 'decide, then write: the claim snapshot, then one batch',
	// Evidence (issue 11): the subject is read before the photo goes to the bucket, so a
	// refused request stores nothing; then one batch (returns-evidence.test.ts asserts the two).
	'POST /api/returns/:id/units/:unitId/evidence': 'reads the unit, stores the photo, one batch',
	'POST /api/claims/:id/evidence': 'reads the claim, stores the photo, then one batch'
};

// Routes whose 2xx answer has no response schema, and why. The route-contract test
// parses every other 2xx body with the route's declared schema.
export const RESPONSE_EXCEPTIONS: Record<string, string> = {
	'GET /api/audit/export': 'a CSV file, not JSON',
	'GET /api/inventory/export/products': 'a CSV file, not JSON',
	'GET /api/inventory/export/stock': 'a CSV file, not JSON',
	'GET /api/returns/:id/evidence/:evidenceId': 'a photo (the image itself), not JSON'
};

// POST routes that only read (a body too rich for a query string), and why: they write no
// audit entry, and the route-contract test checks they write none.
export const READ_ONLY_POSTS: Record<string, string> = {
	'POST /api/returns/preview':
		'what authorising these lines would say (issue 11): requested lines do not fit a query string'
};
