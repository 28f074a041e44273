import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	createCustomer,
	createLocation,
	createOrders,
	createProduct,
	insertApiKey,
	receiveStock
} from '../support/factories';
import { createTestApi, roundTrips, type Session, type TestApi } from '../support/test-api';

let t: TestApi;
let rep: Session;
let warehouse: Session;
let main: { id: string; name: string };
let mug: { id: string; sku: string; priceMinor: number };
let lamp: { id: string; sku: string; priceMinor: number };
let customer: { id: string; name: string };

beforeAll(async () => {
	t = await createTestApi();
	rep = await t.signIn('support');
	warehouse = await t.signIn('warehouse');
	main = await createLocation(t.db, { name: 'Main warehouse' });
	mug = await createProduct(t.db, { sku: 'MUG-01', priceMinor: 450 });
	lamp = await createProduct(t.db, { sku: 'LAMP-02', priceMinor: 2000 });
	await receiveStock(t.db, { productId: mug.id, locationId: main.id, onHand: 20 });
	await receiveStock(t.db, { productId: lamp.id, locationId: main.id, onHand: 3 });
	customer = await createCustomer(t.db, {
		name: 'Ada Lovelace',
		email: 'ada@example.test',
		phone: '+441234567890'
	});
});

const place = (json: unknown, session: Session = rep, headers: HeadersInit = {}) =>
	t.request('/api/orders', { method: 'POST', json, session, headers });
const act = (id: string, verb: string, json: unknown = {}, session: Session = rep) =>
	t.request(`/api/orders/${id}/${verb}`, { method: 'POST', json, session });

async function level(productId: string) {
	const rows = await t.db.all<{ on_hand: number; reserved: number }>(
		sql`SELECT on_hand, reserved FROM stock_levels WHERE product_id = ${productId} AND location_id = ${main.id}`
	);
	return rows[0]!;
}
const count = async (table: string) =>
	Number((await t.client.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);

async function ledgerMatchesLevels() {
	const { rows } = await t.client.execute(`SELECT count(*) AS n FROM stock_levels l
		WHERE l.on_hand <> (SELECT COALESCE(SUM(on_hand_delta), 0) FROM stock_movements m WHERE m.product_id = l.product_id AND m.location_id = l.location_id)
		OR l.reserved <> (SELECT COALESCE(SUM(reserved_delta), 0) FROM stock_movements m WHERE m.product_id = l.product_id AND m.location_id = l.location_id)`);
	return Number(rows[0]!.n) === 0;
}

describe('placing an order', () => {
	it('snapshots prices, splits discounts and tax, adds the shipping line, reserves stock and numbers it', async () => {
		const before = await level(mug.id);
		const res = await place({
			customerId: customer.id,
			lines: [
				{ productId: mug.id, locationId: main.id, quantity: 2, discountMinor: 100 },
				{ productId: lamp.id, locationId: main.id, quantity: 1 }
			],
			shipping: { method: 'Royal Mail 2nd class', amountMinor: 295 },
			discountMinor: 200,
			taxRateBps: 2000,
			shippingAddress: {
				name: 'Ada Lovelace',
				line1: '12 St James Sq',
				city: 'London',
				postcode: 'SW1Y 4JH',
				country: 'GB'
			},
			notes: 'Leave with the neighbour'
		});
		expect(res.status, await res.clone().text()).toBe(201);
		expect(roundTrips(res).domain).toBe(2);
		const order = await res.json();
		expect(order).toMatchObject({
			number: expect.stringMatching(/^ORD-\d{5,}$/),
			status: 'pending_payment',
			channel: 'phone',
			paymentStatus: 'unpaid',
			fulfilmentStatus: 'unfulfilled',
			version: 1,
			customer: { id: customer.id, name: 'Ada Lovelace' },
			subtotalMinor: 2 * 450 + 2000,
			discountMinor: 300,
			shippingMinor: 295
		});
		expect(order.totalMinor).toBe(2900 - 300 + order.taxMinor + 295);
		expect(order.taxMinor).toBe(Math.round((2900 - 300) * 0.2));
		expect(await level(mug.id)).toEqual({ on_hand: before.on_hand, reserved: before.reserved + 2 });

		const detail = await (
			await t.request(`/api/orders/${order.id}`, { session: warehouse })
		).json();
		expect(detail.lines.map((l: { kind: string; sku: string }) => [l.kind, l.sku])).toEqual([
			['product', 'MUG-01'],
			['product', 'LAMP-02'],
			['shipping', 'SHIPPING']
		]);
		const nets = detail.lines.reduce((n: number, l: { netMinor: number }) => n + l.netMinor, 0);
		expect(nets).toBe(order.totalMinor);
		expect(detail.shippingAddress).toMatchObject({ city: 'London' });
		expect(detail.timeline).toEqual([
			expect.objectContaining({ kind: 'order.placed', actorKind: 'user', entityKind: 'order' })
		]);
		const { rows } = await t.client.execute({
			sql: "SELECT reference FROM stock_movements WHERE kind = 'reservation' AND product_id = ?",
			args: [lamp.id]
		});
		expect(rows.map((r) => r.reference)).toContain(order.number);
		expect(await ledgerMatchesLevels()).toBe(true);
	});

	it('gives each order its own number', async () => {
		const a = await (
			await place({ lines: [{ productId: mug.id, locationId: main.id, quantity: 1 }] })
		).json();
		const b = await (
			await place({ lines: [{ productId: mug.id, locationId: main.id, quantity: 1 }] })
		).json();
		expect(Number(b.number.slice(4))).toBe(Number(a.number.slice(4)) + 1);
	});

	it('is a web order when an integration places it with an API key', async () => {
		const { key } = await insertApiKey(t.db, ['orders.write']);
		const res = await t.request('/api/orders', {
			method: 'POST',
			json: { lines: [{ productId: mug.id, locationId: main.id, quantity: 1 }] },
			headers: { authorization: `Bearer ${key}` }
		});
		expect(res.status).toBe(201);
		expect((await res.json()).channel).toBe('web');
	});

	it('refuses to oversell with a 409 that says how many are left, and writes nothing', async () => {
		const orders = await count('orders');
		const movements = await count('stock_movements');
		const audit = await count('audit_log');
		const before = await level(lamp.id);
		const available = before.on_hand - before.reserved;
		const res = await place({
			lines: [
				{ productId: mug.id, locationId: main.id, quantity: 1 },
				{ productId: lamp.id, locationId: main.id, quantity: available + 1 }
			]
		});
		expect(res.status).toBe(409);
		const problem = await res.json();
		expect(problem.type).toBe('urn:ordo:problem:insufficient-stock');
		expect(problem.title).toBe(`Only ${available} left of LAMP-02 at Main warehouse`);
		expect(problem.errors).toEqual({
			'lines.1.quantity': [`Only ${available} left at Main warehouse`]
		});
		expect(await count('orders')).toBe(orders);
		expect(await count('stock_movements')).toBe(movements);
		expect(await count('audit_log')).toBe(audit);
		expect(await level(lamp.id)).toEqual(before);
	});

	it('replays the first answer for a retried Idempotency-Key, placing one order', async () => {
		const orders = await count('orders');
		const body = { lines: [{ productId: mug.id, locationId: main.id, quantity: 1 }] };
		const first = await place(body, rep, { 'idempotency-key': 'retry-place-1' });
		const again = await place(body, rep, { 'idempotency-key': 'retry-place-1' });
		expect(first.status).toBe(201);
		expect(again.status).toBe(201);
		expect((await again.json()).id).toBe((await first.json()).id);
		expect(await count('orders')).toBe(orders + 1);
	});

	it('refuses unknown products, mixed currencies, too-large discounts and card numbers with 422', async () => {
		const euro = await createProduct(t.db, { currency: 'EUR' });
		const cases = [
			{ lines: [{ productId: 'nope', locationId: main.id, quantity: 1 }] },
			{
				lines: [
					{ productId: mug.id, locationId: main.id, quantity: 1 },
					{ productId: euro.id, locationId: main.id, quantity: 1 }
				]
			},
			{ lines: [{ productId: mug.id, locationId: main.id, quantity: 1, discountMinor: 451 }] },
			{
				lines: [{ productId: mug.id, locationId: main.id, quantity: 1 }],
				notes: 'card 4111 1111 1111 1111'
			},
			{ lines: [] },
			{ lines: [{ productId: mug.id, locationId: 'nowhere', quantity: 1 }] }
		];
		const orders = await count('orders');
		for (const body of cases) {
			const res = await place(body);
			expect(res.status, JSON.stringify(body)).toBe(422);
			expect(res.headers.get('content-type')).toBe('application/problem+json');
		}
		expect(await count('orders')).toBe(orders);
	});

	it('is refused to the warehouse, who may read orders', async () => {
		const res = await place(
			{ lines: [{ productId: mug.id, locationId: main.id, quantity: 1 }] },
			warehouse
		);
		expect(res.status).toBe(403);
	});
});

describe('transitions', () => {
	const fresh = async (
		status: 'paid' | 'pending_payment' | 'shipped' | 'on_hold' = 'paid',
		heldFrom: 'paid' | null = null
	) =>
		(
			await createOrders(t.db, {
				productId: mug.id,
				locationId: main.id,
				status,
				heldFrom,
				quantity: 2
			})
		)[0]!;

	it('hold then release returns the order to where it was, each on the timeline and in the audit log', async () => {
		const order = await fresh('paid');
		const held = await act(order.id, 'hold', { reason: 'Customer asked us to wait', version: 1 });
		expect(held.status, await held.clone().text()).toBe(200);
		expect(await held.json()).toMatchObject({ status: 'on_hold', heldFrom: 'paid', version: 2 });
		const released = await act(order.id, 'release-hold', { version: 2 });
		expect(await released.json()).toMatchObject({ status: 'paid', heldFrom: null, version: 3 });
		const detail = await (await t.request(`/api/orders/${order.id}`, { session: rep })).json();
		expect(detail.timeline.map((e: { kind: string }) => e.kind)).toEqual([
			'order.on_hold',
			'order.hold_released'
		]);
		expect(detail.timeline[0].summary).toBe('Put on hold: Customer asked us to wait');
		const { rows } = await t.client.execute({
			sql: 'SELECT action FROM audit_log WHERE target_id = ? ORDER BY seq',
			args: [order.id]
		});
		expect(rows.map((r) => r.action)).toEqual(['order.hold', 'order.release_hold']);
	});

	it('refuses an illegal transition with 409 naming the allowed ones, changing nothing', async () => {
		const order = await fresh('shipped');
		const res = await act(order.id, 'cancel', { reason: 'too late' });
		expect(res.status).toBe(409);
		const problem = await res.json();
		expect(problem.type).toBe('urn:ordo:problem:illegal-transition');
		expect(problem.detail).toBe(
			'From shipped it can become: delivered, paid, waiting for payment. Its items are with the customer: start a return to take them back and refund them.'
		);
		expect((await act(order.id, 'hold', { reason: 'x' })).status).toBe(409);
		expect((await act(order.id, 'release-hold')).status).toBe(409);
		const detail = await (await t.request(`/api/orders/${order.id}`, { session: rep })).json();
		expect(detail).toMatchObject({ status: 'shipped', version: 1, timeline: [] });
	});

	it('refuses a decision made on an old version with 409 order-changed', async () => {
		const order = await fresh('paid');
		await act(order.id, 'hold', { reason: 'first' });
		const res = await act(order.id, 'cancel', { reason: 'based on the old page', version: 1 });
		expect(res.status).toBe(409);
		expect((await res.json()).type).toBe('urn:ordo:problem:order-changed');
	});

	it('fails the whole batch when the order moved between the snapshot and the write', async () => {
		const order = await fresh('paid');
		// Another writer bumps the version the moment after a snapshot: the precondition
		// statement is what stops the stale write (the same statement the verbs put first).
		const { expectVersion } = await import('../../worker/core/preconditions');
		const { systemCtx } = await import('../../worker/core/context');
		const ctx = systemCtx(t.db);
		await t.client.execute({
			sql: 'UPDATE orders SET version = version + 1 WHERE id = ?',
			args: [order.id]
		});
		await expect(
			t.db.batch([
				expectVersion(ctx, 'order', order.id, 1),
				t.db.run(sql`UPDATE orders SET status = 'cancelled' WHERE id = ${order.id}`)
			])
		).rejects.toThrow(/precondition_order_changed/);
		const { rows } = await t.client.execute({
			sql: 'SELECT status FROM orders WHERE id = ?',
			args: [order.id]
		});
		expect(rows[0]!.status).toBe('paid');
	});

	it('cancel releases the reservations and records the refund of what was captured', async () => {
		const order = await fresh('paid');
		await t.client.execute({
			sql: "INSERT INTO payments (id, order_id, provider, provider_ref, amount_minor, status, captured_minor) VALUES (?, ?, 'sandbox', ?, 1000, 'succeeded', 1000)",
			args: [`pay-${order.id}`, order.id, `cs-${order.id}`]
		});
		const before = await level(mug.id);
		const res = await act(order.id, 'cancel', { reason: 'Changed their mind' });
		expect(res.status, await res.clone().text()).toBe(200);
		expect(await res.json()).toMatchObject({ status: 'cancelled', version: 2 });
		expect(await level(mug.id)).toEqual({ on_hand: before.on_hand, reserved: before.reserved - 2 });
		const { rows } = await t.client.execute({
			sql: 'SELECT amount_minor, status, idempotency_key FROM refunds WHERE order_id = ?',
			args: [order.id]
		});
		expect(rows.map((r) => ({ ...r }))).toEqual([
			{
				amount_minor: 1000,
				status: 'pending',
				idempotency_key: `cancel:${order.id}:pay-${order.id}`
			}
		]);
		expect(await ledgerMatchesLevels()).toBe(true);
		// Cancelled is the end.
		expect((await act(order.id, 'cancel', { reason: 'again' })).status).toBe(409);
		expect(await level(mug.id)).toEqual({ on_hand: before.on_hand, reserved: before.reserved - 2 });
	});

	it('a held order can be cancelled, and keeps its stock while held', async () => {
		const order = await fresh('paid');
		const before = await level(mug.id);
		await act(order.id, 'hold', { reason: 'fraud check' });
		expect(await level(mug.id)).toEqual(before);
		const res = await act(order.id, 'cancel', { reason: 'fraud confirmed' });
		expect(await res.json()).toMatchObject({ status: 'cancelled', heldFrom: null });
		expect((await level(mug.id)).reserved).toBe(before.reserved - 2);
	});

	it('answers 404 for an unknown order', async () => {
		const res = await act('no-such-order', 'hold', { reason: 'x' });
		expect(res.status).toBe(404);
		expect((await res.json()).type).toBe('urn:ordo:problem:order-not-found');
		expect((await t.request('/api/orders/no-such-order', { session: rep })).status).toBe(404);
	});
});

describe('finding orders', () => {
	let mine: { id: string; number: string }[];
	let other: { id: string };
	beforeAll(async () => {
		other = await createCustomer(t.db, {
			name: 'Grace Hopper',
			email: 'grace@example.test',
			phone: '+15550001111'
		});
		const lampOnly = await createProduct(t.db, { sku: 'RARE-9' });
		await receiveStock(t.db, { productId: lampOnly.id, locationId: main.id, onHand: 10 });
		mine = [];
		for (let i = 0; i < 5; i++) {
			const res = await place({
				customerId: other.id,
				lines: [{ productId: i === 0 ? lampOnly.id : mug.id, locationId: main.id, quantity: 1 }]
			});
			mine.push(await res.json());
		}
	});
	const list = async (query: string) => {
		const res = await t.request(`/api/orders?${query}`, { session: warehouse });
		expect(res.status, await res.clone().text()).toBe(200);
		return (await res.json()) as {
			items: { id: string; number: string; status: string }[];
			nextCursor: string | null;
		};
	};

	it('by number, customer name, email, phone and SKU', async () => {
		expect((await list(`q=${mine[2]!.number}`)).items.map((o) => o.id)).toEqual([mine[2]!.id]);
		expect((await list(`q=${mine[2]!.number.slice(4)}`)).items.map((o) => o.id)).toEqual([
			mine[2]!.id
		]);
		// Newest first; orders placed in the same millisecond follow their ids.
		const grace = (await list(`customerId=${other.id}`)).items.map((o) => o.id);
		expect([...grace].sort()).toEqual(mine.map((o) => o.id).sort());
		expect((await list('q=Grace%20H')).items.map((o) => o.id)).toEqual(grace);
		expect((await list('q=GRACE@example.test')).items.map((o) => o.id)).toEqual(grace);
		expect((await list(`q=${encodeURIComponent('+15550001111')}`)).items.map((o) => o.id)).toEqual(
			grace
		);
		expect((await list('sku=rare-9')).items.map((o) => o.id)).toEqual([mine[0]!.id]);
		expect((await list(`customerId=${other.id}&status=pending_payment`)).items).toHaveLength(5);
		expect((await list(`customerId=${other.id}&status=paid`)).items).toHaveLength(0);
	});

	it('by date range', async () => {
		const today = new Date().toISOString().slice(0, 10);
		expect((await list(`customerId=${other.id}&from=${today}&to=${today}`)).items).toHaveLength(5);
		expect((await list(`customerId=${other.id}&to=2020-01-01`)).items).toHaveLength(0);
	});

	it('pages with a cursor, newest first, without repeats or gaps', async () => {
		const seen: string[] = [];
		let cursor: string | null = null;
		do {
			const page = await list(
				`customerId=${other.id}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
			);
			seen.push(...page.items.map((o) => o.id));
			cursor = page.nextCursor;
		} while (cursor);
		expect(seen).toEqual((await list(`customerId=${other.id}`)).items.map((o) => o.id));
		expect([...seen].sort()).toEqual(mine.map((o) => o.id).sort());
	});

	it('refuses a bad filter with 422 naming it', async () => {
		const res = await t.request('/api/orders?status=lost', { session: warehouse });
		expect(res.status).toBe(422);
		expect(Object.keys((await res.json()).errors)).toContain('status');
	});
});
