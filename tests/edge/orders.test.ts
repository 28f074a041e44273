// The order routes inside workerd over libSQL HTTP: placing (the counter, the reservation
// and the timeline in one batch), reading, searching, hold and release, cancel (the
// reservation released through the ledger), and the database refusing an oversell.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, createLocation, createProduct, receiveStock } from '../support/factories';
import type { Session } from '../support/test-api';
import { shopApi, type EdgeApi } from './edge-api';

let t: EdgeApi;
let rep: Session;
let product: { id: string; sku: string };
let location: { id: string };
let customer: { id: string; name: string };

beforeAll(async () => {
	t = await shopApi();
	rep = await t.signIn('support');
	const suffix = crypto.randomUUID().slice(0, 6).toUpperCase();
	location = await createLocation(t.db, { code: `ORD${suffix}`, name: 'Order tests' });
	product = await createProduct(t.db, { sku: `EDGE-ORD-${suffix}`, priceMinor: 1200 });
	await receiveStock(t.db, { productId: product.id, locationId: location.id, onHand: 3 });
	customer = await createCustomer(t.db, { name: `Edge Customer ${suffix}` });
});
afterAll(() => t.client.close());

const reserved = async () =>
	(
		await t.db.all<{ reserved: number }>(
			sql`SELECT reserved FROM stock_levels WHERE product_id = ${product.id} AND location_id = ${location.id}`
		)
	)[0]!.reserved;

const place = (quantity: number) =>
	t.request('/api/orders', {
		method: 'POST',
		session: rep,
		json: {
			customerId: customer.id,
			lines: [{ productId: product.id, locationId: location.id, quantity }]
		}
	});
const act = (id: string, verb: string, json: unknown) =>
	t.request(`/api/orders/${id}/${verb}`, { method: 'POST', session: rep, json });

describe('order routes in workerd (happy)', () => {
	it('places, reads, finds, holds, releases and cancels an order', async () => {
		const placed = await place(2);
		expect(placed.status, await placed.clone().text()).toBe(201);
		const order = (await placed.json()) as { id: string; number: string; status: string };
		expect(order.number).toMatch(/^ORD-\d+$/);
		expect(order.status).toBe('pending_payment');
		expect(await reserved()).toBe(2);

		const detail = await (await t.request(`/api/orders/${order.id}`, { session: rep })).json();
		expect(detail.lines[0]).toMatchObject({ sku: product.sku, quantity: 2 });
		expect(detail.timeline.map((e: { kind: string }) => e.kind)).toContain('order.placed');

		const found = await (await t.request(`/api/orders?q=${order.number}`, { session: rep })).json();
		expect(found.items.map((o: { id: string }) => o.id)).toEqual([order.id]);

		const held = await act(order.id, 'hold', { reason: 'customer asked to wait' });
		expect(await held.json()).toMatchObject({ status: 'on_hold', heldFrom: 'pending_payment' });
		const released = await act(order.id, 'release-hold', {});
		expect((await released.json()).status).toBe('pending_payment');

		const cancelled = await act(order.id, 'cancel', { reason: 'changed their mind' });
		expect(cancelled.status).toBe(200);
		expect((await cancelled.json()).status).toBe('cancelled');
		expect(await reserved()).toBe(0);
	});
});

describe('order routes in workerd (error)', () => {
	it('an oversell is a 409, an illegal transition a 409 naming the allowed ones', async () => {
		const tooMany = await place(4);
		expect(tooMany.status).toBe(409);
		expect((await tooMany.json()).type).toBe('urn:ordo:problem:insufficient-stock');

		const order = (await (await place(1)).json()) as { id: string };
		await act(order.id, 'cancel', { reason: 'test' });
		const again = await act(order.id, 'hold', { reason: 'too late' });
		expect(again.status).toBe(409);
		const body = await again.json();
		expect(body.type).toBe('urn:ordo:problem:illegal-transition');
		expect(body.errors).toEqual({ status: ['Allowed from cancelled: none'] });
		expect(await reserved()).toBe(0);
	});
});
