// The routes a phone's outbox sends work to (web/lib/sync/submit.ts callers), the only ones a
// batch item may name: a batch is not a way to reach any route in-process. An id segment is
// letters, digits, `-` and `_`, so no item url carries a query, `..` or another path.
// A feature that queues a new kind of work from the outbox appends its route here.
const ID = '[A-Za-z0-9_-]{1,64}';

export const OUTBOX_ROUTES: readonly { method: 'POST' | 'PUT'; path: RegExp }[] = [
	{ method: 'POST', path: /^\/api\/inventory\/adjustments$/ },
	{ method: 'POST', path: new RegExp(`^/api/counts/tasks/${ID}/lines$`) },
	{ method: 'POST', path: new RegExp(`^/api/fulfilment/shipments/${ID}/picks$`) },
	{ method: 'POST', path: new RegExp(`^/api/purchasing/purchase-orders/${ID}/receipts$`) },
	{ method: 'POST', path: new RegExp(`^/api/transfers/${ID}/receipts$`) },
	// Issue 11: a scan at the returns bench (received into quarantine, no stock, no money).
	{ method: 'POST', path: new RegExp(`^/api/returns/${ID}/receipts$`) }
];

export function isOutboxRoute(method: string, url: string): boolean {
	return OUTBOX_ROUTES.some((route) => route.method === method && route.path.test(url));
}
