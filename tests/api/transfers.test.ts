import { beforeAll, describe, expect, it } from 'vitest';
import { ledgerDifferences } from '../../scripts/cli/inventory';
import { createLocation, createProduct, receiveStock } from '../support/factories';
import { createTestApi, roundTrips, type Session, type TestApi } from '../support/test-api';

let t: TestApi;
let warehouse: Session;
let support: Session;
let main: Awaited<ReturnType<typeof createLocation>>;
let shop: Awaited<ReturnType<typeof createLocation>>;
let mug: Awaited<ReturnType<typeof createProduct>>;
let lamp: Awaited<ReturnType<typeof createProduct>>;

beforeAll(async () => {
	t = await createTestApi();
	main = await createLocation(t.db, { code: 'MAIN', name: 'Main warehouse' });
	shop = await createLocation(t.db, { code: 'SHOP', name: 'High Street shop' });
	mug = await createProduct(t.db, { sku: 'MUG-1', barcode: '5000000000011', name: 'Heart mug' });
	lamp = await createProduct(t.db, { sku: 'LAMP-1', name: 'Lantern' });
	// MAIN: 20 mugs, 5 of them reserved for orders; 30 lanterns.
	await receiveStock(t.db, { productId: mug.id, locationId: main.id, onHand: 20, reserved: 5 });
	await receiveStock(t.db, { productId: lamp.id, locationId: main.id, onHand: 30 });
	warehouse = await t.signIn('warehouse');
	support = await t.signIn('support');
});

type Json = Record<string, unknown> & { id: string; status: string; version: number };
const post = (path: string, json: unknown, headers: Record<string, string> = {}) =>
	t.request(path, { method: 'POST', session: warehouse, json, headers });
const key = () => ({ 'idempotency-key': crypto.randomUUID() });

async function level(productId: string, locationId: string) {
	const { rows } = await t.client.execute({
		sql: 'SELECT on_hand, reserved FROM stock_levels WHERE product_id = ? AND location_id = ?',
		args: [productId, locationId]
	});
	const r = rows[0];
	return r ? { onHand: Number(r.on_hand), reserved: Number(r.reserved) } : null;
}

async function movements(reference: string) {
	const { rows } = await t.client.execute({
		sql: `SELECT p.sku, l.code, m.kind, m.on_hand_delta AS d FROM stock_movements m
			JOIN products p ON p.id = m.product_id JOIN locations l ON l.id = m.location_id
			WHERE m.reference = ? ORDER BY m.kind DESC, p.sku, m.created_at`,
		args: [reference]
	});
	return rows.map((r) => `${r.kind} ${r.sku} ${r.code} ${r.d}`);
}

async function audits(id: string) {
	const { rows } = await t.client.execute({
		sql: 'SELECT action FROM audit_log WHERE target_id = ? ORDER BY seq',
		args: [id]
	});
	return rows.map((r) => String(r.action));
}

async function draft(lines: { productId: string; quantity: number }[], from = main, to = shop) {
	const res = await post('/api/transfers', {
		fromLocationId: from.id,
		toLocationId: to.id,
		lines,
		note: 'weekend restock'
	});
	expect(res.status).toBe(201);
	return (await res.json()) as Json & { number: string };
}

describe('transfers (happy)', () => {
	let tr: Json & { number: string };

	it('drafts a transfer with a TR- number; nothing moves', async () => {
		tr = await draft([
			{ productId: mug.id, quantity: 10 },
			{ productId: lamp.id, quantity: 4 },
			{ productId: lamp.id, quantity: 2 }
		]);
		expect(tr).toMatchObject({
			number: expect.stringMatching(/^TR-\d+$/),
			status: 'draft',
			from: { code: 'MAIN' },
			to: { code: 'SHOP' },
			units: { sent: 16, received: 0, inTransit: 0 }
		});
		expect(tr.lines).toEqual([
			expect.objectContaining({ sku: 'LAMP-1', quantitySent: 6, quantityReceived: 0 }),
			expect.objectContaining({ sku: 'MUG-1', quantitySent: 10, barcode: '5000000000011' })
		]);
		expect(await level(mug.id, main.id)).toEqual({ onHand: 20, reserved: 5 });
		expect(await audits(tr.id)).toEqual(['transfer.create']);
	});

	it('sends it: on hand leaves the source, in transit at the destination', async () => {
		const res = await post(`/api/transfers/${tr.id}/send`, { version: tr.version });
		expect(res.status).toBe(200);
		expect(roundTrips(res).domain).toBe(2);
		expect(await res.json()).toMatchObject({
			status: 'sent',
			sentBy: { id: warehouse.user.id },
			units: { sent: 16, received: 0, inTransit: 16 }
		});
		expect(await level(mug.id, main.id)).toEqual({ onHand: 10, reserved: 5 });
		expect(await level(lamp.id, main.id)).toEqual({ onHand: 24, reserved: 0 });
		expect(await level(mug.id, shop.id)).toBeNull();
		expect(await movements(tr.number)).toEqual([
			'transfer_out LAMP-1 MAIN -6',
			'transfer_out MUG-1 MAIN -10'
		]);
		const product = await (
			await t.request(`/api/inventory/products/${mug.id}`, { session: warehouse })
		).json();
		expect(product.inTransit).toBe(10);
		const at = (code: string) => product.stock.find((s: { code: string }) => s.code === code);
		expect(at('SHOP')).toMatchObject({ onHand: 0, available: 0, inTransit: 10 });
		expect(at('MAIN')).toMatchObject({ onHand: 10, available: 5, inTransit: 0 });
	});

	it('receives part: the destination gains it, the rest stays in transit', async () => {
		const res = await post(
			`/api/transfers/${tr.id}/receipts`,
			{
				lines: [
					{ productId: mug.id, quantity: 4 },
					{ productId: mug.id, quantity: 3 },
					{ productId: lamp.id, quantity: 6 }
				],
				deviceTime: '2026-01-05T10:00:00+01:00'
			},
			key()
		);
		expect(res.status).toBe(200);
		const body = await res.json();
		expect(body).toMatchObject({
			status: 'partially_received',
			receivedBy: { id: warehouse.user.id },
			units: { sent: 16, received: 13, inTransit: 3 }
		});
		expect(body.lines).toEqual([
			expect.objectContaining({ sku: 'LAMP-1', quantityReceived: 6, inTransit: 0 }),
			expect.objectContaining({ sku: 'MUG-1', quantityReceived: 7, inTransit: 3 })
		]);
		expect(await level(mug.id, shop.id)).toEqual({ onHand: 7, reserved: 0 });
		expect(await level(lamp.id, shop.id)).toEqual({ onHand: 6, reserved: 0 });
		const { rows } = await t.client.execute({
			sql: "SELECT device_time FROM stock_movements WHERE reference = ? AND kind = 'transfer_in' AND product_id = ?",
			args: [tr.number, mug.id]
		});
		expect(rows.map((r) => Number(r.device_time))).toEqual([Date.parse('2026-01-05T09:00:00Z')]);
	});

	it('receives the rest: received in full, nothing in transit, the ledger equals the levels', async () => {
		const res = await post(
			`/api/transfers/${tr.id}/receipts`,
			{ lines: [{ productId: mug.id, quantity: 3 }] },
			key()
		);
		expect(await res.json()).toMatchObject({
			status: 'received',
			units: { sent: 16, received: 16, inTransit: 0 }
		});
		expect(await level(mug.id, shop.id)).toEqual({ onHand: 10, reserved: 0 });
		expect(await level(mug.id, main.id)).toEqual({ onHand: 10, reserved: 5 });
		expect(await movements(tr.number)).toEqual([
			'transfer_out LAMP-1 MAIN -6',
			'transfer_out MUG-1 MAIN -10',
			'transfer_in LAMP-1 SHOP 6',
			'transfer_in MUG-1 SHOP 7',
			'transfer_in MUG-1 SHOP 3'
		]);
		expect(await ledgerDifferences(t.client)).toEqual([]);
		expect(await audits(tr.id)).toEqual([
			'transfer.create',
			'transfer.send',
			'transfer.receive',
			'transfer.receive'
		]);
		const product = await (
			await t.request(`/api/inventory/products/${mug.id}`, { session: warehouse })
		).json();
		expect(product.inTransit).toBe(0);
	});

	it('lists transfers newest first, and the open ones', async () => {
		const other = await draft([{ productId: lamp.id, quantity: 1 }]);
		const all = await (await t.request('/api/transfers?limit=1', { session: support })).json();
		expect(all.items.map((i: Json) => i.id)).toEqual([other.id]);
		expect(all.items[0]).toMatchObject({ lineCount: 1, status: 'draft' });
		const next = await (
			await t.request(`/api/transfers?limit=1&cursor=${all.nextCursor}`, { session: support })
		).json();
		expect(next.items.map((i: Json) => i.id)).toEqual([tr.id]);
		const received = await (
			await t.request('/api/transfers?status=received', { session: support })
		).json();
		expect(received.items.map((i: Json) => i.id)).toEqual([tr.id]);
	});
});

describe('transfers (refusals: nothing is applied)', () => {
	it('refuses to send units reserved for orders, naming them', async () => {
		// MAIN has 10 mugs on hand, 5 reserved: 6 cannot go.
		const tr = await draft([{ productId: mug.id, quantity: 6 }]);
		const res = await post(`/api/transfers/${tr.id}/send`, {});
		expect(res.status).toBe(409);
		const problem = await res.json();
		expect(problem.type).toBe('urn:ordo:problem:transfer-short');
		expect(problem.detail).toContain('MUG-1 needs 6, 5 available');
		expect(await level(mug.id, main.id)).toEqual({ onHand: 10, reserved: 5 });
		expect(
			(await (await t.request(`/api/transfers/${tr.id}`, { session: warehouse })).json()).status
		).toBe('draft');
		expect(await audits(tr.id)).toEqual(['transfer.create']);
	});

	it('refuses to send stock a location does not have', async () => {
		const tr = await draft([{ productId: mug.id, quantity: 1 }], shop, main);
		// SHOP has 10 mugs now; a product never stocked there:
		const none = await draft([{ productId: lamp.id, quantity: 7 }], shop, main);
		expect((await post(`/api/transfers/${none.id}/send`, {})).status).toBe(409);
		expect(await level(lamp.id, shop.id)).toEqual({ onHand: 6, reserved: 0 });
		expect((await post(`/api/transfers/${tr.id}/send`, {})).status).toBe(200);
	});

	it('refuses a receipt over what was sent, whole: nothing applied', async () => {
		const tr = await draft([
			{ productId: mug.id, quantity: 2 },
			{ productId: lamp.id, quantity: 1 }
		]);
		await post(`/api/transfers/${tr.id}/send`, {});
		const before = await level(mug.id, shop.id);
		const res = await post(
			`/api/transfers/${tr.id}/receipts`,
			{
				lines: [
					{ productId: lamp.id, quantity: 1 },
					{ productId: mug.id, quantity: 2 },
					{ productId: mug.id, quantity: 1 }
				]
			},
			key()
		);
		expect(res.status).toBe(409);
		const problem = await res.json();
		expect(problem.type).toBe('urn:ordo:problem:over-receipt');
		expect(problem.detail).toContain('MUG-1: 3 received, only 2 still on the way');
		expect(await level(mug.id, shop.id)).toEqual(before);
		const after = await (await t.request(`/api/transfers/${tr.id}`, { session: warehouse })).json();
		expect(after).toMatchObject({ status: 'sent', units: { received: 0, inTransit: 3 } });
		expect(await audits(tr.id)).toEqual(['transfer.create', 'transfer.send']);
	});

	it('refuses a product that is not on the transfer (422 naming the line)', async () => {
		const tr = await draft([{ productId: lamp.id, quantity: 1 }]);
		await post(`/api/transfers/${tr.id}/send`, {});
		const stranger = await createProduct(t.db, { sku: 'STRANGER' });
		const res = await post(
			`/api/transfers/${tr.id}/receipts`,
			{ lines: [{ productId: stranger.id, quantity: 1 }] },
			key()
		);
		expect(res.status).toBe(422);
		expect((await res.json()).errors).toHaveProperty(['lines.0.productId']);
	});

	it('requires an Idempotency-Key on receipts (outbox work)', async () => {
		const tr = await draft([{ productId: lamp.id, quantity: 1 }]);
		await post(`/api/transfers/${tr.id}/send`, {});
		const res = await post(`/api/transfers/${tr.id}/receipts`, {
			lines: [{ productId: lamp.id, quantity: 1 }]
		});
		expect(res.status).toBe(422);
		expect((await res.json()).type).toBe('urn:ordo:problem:idempotency-key-required');
	});

	it('refuses to receive a draft, and to cancel a sent transfer', async () => {
		const tr = await draft([{ productId: lamp.id, quantity: 1 }]);
		const early = await post(
			`/api/transfers/${tr.id}/receipts`,
			{ lines: [{ productId: lamp.id, quantity: 1 }] },
			key()
		);
		expect(early.status).toBe(409);
		expect((await early.json()).type).toBe('urn:ordo:problem:transfer-not-in-transit');
		await post(`/api/transfers/${tr.id}/send`, {});
		const cancel = await post(`/api/transfers/${tr.id}/cancel`, {});
		expect(cancel.status).toBe(409);
		expect((await cancel.json()).type).toBe('urn:ordo:problem:transfer-not-draft');
	});

	it('refuses a stale version, two equal locations, unknown products', async () => {
		const tr = await draft([{ productId: lamp.id, quantity: 1 }]);
		const stale = await post(`/api/transfers/${tr.id}/send`, { version: tr.version + 1 });
		expect(stale.status).toBe(409);
		expect((await stale.json()).type).toBe('urn:ordo:problem:transfer-changed');
		const same = await post('/api/transfers', {
			fromLocationId: main.id,
			toLocationId: main.id,
			lines: [{ productId: lamp.id, quantity: 1 }]
		});
		expect(same.status).toBe(422);
		expect((await same.json()).errors).toHaveProperty('toLocationId');
		const unknown = await post('/api/transfers', {
			fromLocationId: main.id,
			toLocationId: shop.id,
			lines: [{ productId: 'nope', quantity: 1 }]
		});
		expect(unknown.status).toBe(422);
		expect((await t.request('/api/transfers/nope', { session: warehouse })).status).toBe(404);
	});

	it('cancels a draft; support cannot move stock', async () => {
		const tr = await draft([{ productId: lamp.id, quantity: 1 }]);
		expect(
			(await t.request('/api/transfers', { method: 'POST', session: support, json: {} })).status
		).toBe(403);
		const res = await post(`/api/transfers/${tr.id}/cancel`, { reason: 'wrong shop' });
		expect(await res.json()).toMatchObject({ status: 'cancelled', units: { inTransit: 0 } });
		expect(await audits(tr.id)).toEqual(['transfer.create', 'transfer.cancel']);
	});
});

describe('transfer receipts from the outbox (idempotent)', () => {
	it('replays a retried receipt once: same answer, stock moved once', async () => {
		const tr = await draft([{ productId: lamp.id, quantity: 1 }]);
		await post(`/api/transfers/${tr.id}/send`, {});
		const before = (await level(lamp.id, shop.id))!.onHand;
		const headers = key();
		const body = { lines: [{ productId: lamp.id, quantity: 1 }] };
		const first = await post(`/api/transfers/${tr.id}/receipts`, body, headers);
		const again = await post(`/api/transfers/${tr.id}/receipts`, body, headers);
		expect(first.status).toBe(200);
		expect(again.status).toBe(200);
		expect(await again.json()).toEqual(await first.json());
		expect((await level(lamp.id, shop.id))!.onHand).toBe(before + 1);
		expect(await audits(tr.id)).toEqual(['transfer.create', 'transfer.send', 'transfer.receive']);
		expect(await ledgerDifferences(t.client)).toEqual([]);
	});

	it('corrects the device time by the phone clock offset (Ordo-Sent-At)', async () => {
		const tr = await draft([{ productId: lamp.id, quantity: 1 }]);
		await post(`/api/transfers/${tr.id}/send`, {});
		// The phone's clock runs an hour behind: it says it sent at 09:00 what it did at 08:59.
		const sentAt = new Date(Date.now() - 3_600_000);
		const res = await post(
			`/api/transfers/${tr.id}/receipts`,
			{
				lines: [{ productId: lamp.id, quantity: 1 }],
				deviceTime: new Date(sentAt.getTime() - 60_000).toISOString()
			},
			{ ...key(), 'ordo-sent-at': sentAt.toISOString() }
		);
		expect(res.status).toBe(200);
		const { rows } = await t.client.execute({
			sql: "SELECT device_time, created_at FROM stock_movements WHERE reference = ? AND kind = 'transfer_in'",
			args: [tr.number]
		});
		const { device_time, created_at } = rows[0]!;
		// The receipt is placed a minute before the server got it, not an hour and a minute.
		expect(Number(created_at) - Number(device_time)).toBe(60_000);
	});
});
