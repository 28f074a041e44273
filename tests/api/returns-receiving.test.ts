import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../support/factories';
import {
	createDeliveredOrder,
	insertReturn,
	type DeliveredOrder
} from '../support/returns-factory';
import { createTestApi, type Session, type TestApi } from '../support/test-api';

// Receiving returns at the warehouse bench (issue 11): each scan is one outbox item, applied
// once; whatever is scanned is kept (unexpected and over-quantity items flagged in words);
// received units wait in quarantine; nothing here moves stock or money.
let t: TestApi;
let warehouse: Session;

beforeAll(async () => {
	t = await createTestApi();
	warehouse = await t.signIn('warehouse');
});

type Receipt = {
	id: string;
	line: number | null;
	expected: boolean;
	flag: string | null;
	quantity: number;
	returnStatus: string;
	locationName: string;
};

function scan(
	returnId: string,
	code: string,
	{
		key = crypto.randomUUID() as string | null,
		session = warehouse,
		quantity,
		queuedBy,
		deviceTime = new Date().toISOString()
	}: {
		key?: string | null;
		session?: Session;
		quantity?: number;
		queuedBy?: string;
		deviceTime?: string;
	} = {}
) {
	const headers: Record<string, string> = { 'ordo-sent-at': new Date().toISOString() };
	if (key) headers['idempotency-key'] = key;
	if (queuedBy) headers['ordo-queued-by'] = queuedBy;
	return t.request(`/api/returns/${returnId}/receipts`, {
		method: 'POST',
		session,
		headers,
		json: { code, deviceTime, ...(quantity ? { quantity } : {}) }
	});
}

async function received(res: Response): Promise<Receipt> {
	expect(res.status, await res.clone().text()).toBe(201);
	return (await res.json()) as Receipt;
}

/** Stock and money for the order: what receiving must never change. */
async function ledger(order: DeliveredOrder) {
	const [row] = await t.db.all<{ movements: number; onHand: number; refunds: number }>(sql`SELECT
		(SELECT count(*) FROM stock_movements WHERE location_id = ${order.locationId}) AS movements,
		(SELECT coalesce(sum(on_hand), 0) FROM stock_levels WHERE location_id = ${order.locationId}) AS onHand,
		(SELECT count(*) FROM refunds WHERE payment_id IN (SELECT id FROM payments WHERE order_id = ${order.id})) AS refunds`);
	return row!;
}

async function twoLineReturn() {
	const order = await createDeliveredOrder(t.db, {
		lines: [
			{ quantity: 1, name: 'Blue mug' },
			{ quantity: 2, name: 'Tea towel' },
			{ quantity: 1, name: 'Kept lamp' }
		]
	});
	const ret = await insertReturn(t.db, order, {
		lines: [
			{ orderLine: 1, quantity: 1 },
			{ orderLine: 2, quantity: 1 }
		]
	});
	return { order, ret };
}

async function receiving(returnId: string) {
	const res = await t.request(`/api/returns/${returnId}/receiving`, { session: warehouse });
	expect(res.status).toBe(200);
	return res.json();
}

describe('receiving: happy', () => {
	it('matches a barcode, then a SKU, to the return lines; units wait in quarantine', async () => {
		const { order, ret } = await twoLineReturn();
		const before = await ledger(order);
		const mug = await received(await scan(ret.id, order.products[0]!.barcode!));
		expect(mug).toMatchObject({
			line: 1,
			expected: true,
			flag: null,
			returnStatus: 'partially_received'
		});
		const towel = await received(await scan(ret.id, order.products[1]!.sku.toLowerCase()));
		expect(towel).toMatchObject({ line: 2, expected: true, returnStatus: 'received' });
		const view = await receiving(ret.id);
		expect(
			view.lines.map((l: { status: string; received: number }) => [l.status, l.received])
		).toEqual([
			['received', 1],
			['received', 1]
		]);
		expect(view.units).toHaveLength(2);
		expect(
			view.units.every((u: { disposition: unknown; grade: unknown }) => !u.disposition && !u.grade)
		).toBe(true);
		expect(view.summary).toEqual({ expected: 2, received: 2, unexpected: 0 });
		expect(await ledger(order)).toEqual(before);
		const [events] = await t.db.all<{ timeline: number; audit: number; out: number }>(sql`SELECT
			(SELECT count(*) FROM timeline_events WHERE entity_id = ${ret.id} AND kind = 'return.received') AS timeline,
			(SELECT count(*) FROM audit_log WHERE action = 'returns.receive' AND target_id = ${ret.id}) AS audit,
			(SELECT count(*) FROM outbound_events WHERE entity_id = ${ret.id} AND type = 'return.received') AS out`);
		expect(events).toEqual({ timeline: 2, audit: 2, out: 2 });
		const [line] = await t.db.all<{ summary: string }>(
			sql`SELECT summary FROM timeline_events WHERE entity_id = ${ret.id} ORDER BY at, id LIMIT 1`
		);
		expect(line!.summary).toMatch(/^Received 1 × Blue mug at /);
	});

	it('receives a late parcel against an expired line', async () => {
		const order = await createDeliveredOrder(t.db, { lines: [{ quantity: 1 }] });
		const ret = await insertReturn(t.db, order, { lines: [{ orderLine: 1, quantity: 1 }] });
		await t.db.run(sql`UPDATE return_lines SET status = 'expired' WHERE return_id = ${ret.id}`);
		await t.db.run(sql`UPDATE returns SET status = 'expired' WHERE id = ${ret.id}`);
		const r = await received(await scan(ret.id, order.products[0]!.barcode!));
		expect(r).toMatchObject({ line: 1, expected: true, returnStatus: 'received' });
	});
});

describe('receiving: nothing scanned is dropped', () => {
	it('keeps an item of the order that is not on the return, flagged', async () => {
		const { order, ret } = await twoLineReturn();
		const r = await received(await scan(ret.id, order.products[2]!.barcode!));
		expect(r).toMatchObject({ line: null, expected: false });
		expect(r.flag).toBe(`Not on ${ret.number}: ${order.products[2]!.barcode} (Kept lamp)`);
		const view = await receiving(ret.id);
		expect(view.summary.unexpected).toBe(1);
		expect(view.units[0].line).toBeNull();
		// The phone's offline list says so too, so a reloaded bench still counts it.
		const list = await t.request('/api/returns/receiving/expected', { session: warehouse });
		const { items } = (await list.json()) as { items: { id: string; unexpected: number }[] };
		expect(items.find((i) => i.id === ret.id)?.unexpected).toBe(1);
	});

	it('keeps an item from another order, flagged as not from the order', async () => {
		const { order, ret } = await twoLineReturn();
		const other = await createDeliveredOrder(t.db, {
			lines: [{ quantity: 1, name: 'Stranger vase' }]
		});
		const r = await received(await scan(ret.id, other.products[0]!.barcode!));
		expect(r.expected).toBe(false);
		expect(r.flag).toBe(
			`Not on ${ret.number} and not from ${order.number}: ${other.products[0]!.barcode} (Stranger vase)`
		);
	});

	it('keeps units beyond the authorised quantity on no line, flagged', async () => {
		const { order, ret } = await twoLineReturn();
		await received(await scan(ret.id, order.products[0]!.barcode!));
		const r = await received(await scan(ret.id, order.products[0]!.barcode!));
		expect(r).toMatchObject({ line: 1, expected: false, flag: 'Line 1: 2 received, 1 authorised' });
		const split = await received(await scan(ret.id, order.products[1]!.barcode!, { quantity: 3 }));
		expect(split).toMatchObject({
			line: 2,
			expected: true,
			flag: 'Line 2: 3 received, 1 authorised'
		});
		const view = await receiving(ret.id);
		expect(view.lines[1].received).toBe(1);
		expect(view.units.filter((u: { line: number | null }) => u.line === null)).toHaveLength(3);
	});

	it('keeps an unknown code as typed, not a 4xx', async () => {
		const { order, ret } = await twoLineReturn();
		const before = await ledger(order);
		const r = await received(await scan(ret.id, 'NO-SUCH-THING'));
		expect(r).toMatchObject({ expected: false, line: null });
		expect(r.flag).toBe(`Unknown code on ${ret.number}: NO-SUCH-THING (no product has it)`);
		expect(await ledger(order)).toEqual(before);
	});
});

describe('receiving: exactly once', () => {
	it('applies the same Idempotency-Key once, also from a new session of the same person', async () => {
		const { order, ret } = await twoLineReturn();
		const key = crypto.randomUUID();
		const deviceTime = new Date().toISOString();
		const first = await received(
			await scan(ret.id, order.products[0]!.barcode!, { key, deviceTime })
		);
		const again = await received(
			await scan(ret.id, order.products[0]!.barcode!, { key, deviceTime })
		);
		expect(again.id).toBe(first.id);
		const res = await t.request('/api/auth/sign-in', {
			method: 'POST',
			json: { email: warehouse.user.email, password: TEST_PASSWORD }
		});
		const fresh: Session = { ...warehouse, cookie: res.headers.get('set-cookie')!.split(';')[0]! };
		expect(fresh.cookie).not.toBe(warehouse.cookie);
		const later = await received(
			await scan(ret.id, order.products[0]!.barcode!, { key, session: fresh, deviceTime })
		);
		expect(later.id).toBe(first.id);
		const view = await receiving(ret.id);
		expect(view.receipts).toHaveLength(1);
		expect(view.lines[0].received).toBe(1);
	});

	it("returns the first receipt when the key reaches the receipts table again (another person's replay store)", async () => {
		const { order, ret } = await twoLineReturn();
		const key = crypto.randomUUID();
		const deviceTime = new Date().toISOString();
		const first = await received(
			await scan(ret.id, order.products[0]!.barcode!, { key, deviceTime })
		);
		const other = await t.signIn('warehouse');
		const res = await scan(ret.id, order.products[0]!.barcode!, {
			key,
			session: other,
			deviceTime
		});
		expect((await res.json()).id).toBe(first.id);
		expect((await receiving(ret.id)).receipts).toHaveLength(1);
	});

	it("refuses someone else's queued scan with 403 and receives nothing", async () => {
		const { order, ret } = await twoLineReturn();
		const other = await t.signIn('warehouse');
		const res = await scan(ret.id, order.products[0]!.barcode!, {
			session: other,
			queuedBy: warehouse.user.id
		});
		expect(res.status).toBe(403);
		expect((await receiving(ret.id)).receipts).toHaveLength(0);
	});

	it('refuses a scan without an Idempotency-Key', async () => {
		const { order, ret } = await twoLineReturn();
		const res = await scan(ret.id, order.products[0]!.barcode!, { key: null });
		expect(res.status).toBe(422);
		expect((await res.json()).type).toBe('urn:ordo:problem:idempotency-key-required');
	});
});

describe('receiving: refusals', () => {
	it('refuses a receipt for a cancelled return with 409 in words', async () => {
		const { order, ret } = await twoLineReturn();
		await t.db.run(sql`UPDATE return_lines SET status = 'cancelled' WHERE return_id = ${ret.id}`);
		await t.db.run(sql`UPDATE returns SET status = 'cancelled' WHERE id = ${ret.id}`);
		const res = await scan(ret.id, order.products[0]!.barcode!);
		expect(res.status).toBe(409);
		const problem = await res.json();
		expect(problem.type).toBe('urn:ordo:problem:return-cancelled');
		expect(problem.title).toBe(`${ret.number} was cancelled`);
		expect((await receiving(ret.id)).receipts).toHaveLength(0);
	});

	it('answers 404 for a return that does not exist, and 403 for a rep', async () => {
		expect((await scan('nope', '123')).status).toBe(404);
		const rep = await t.signIn('support');
		const { order, ret } = await twoLineReturn();
		expect((await scan(ret.id, order.products[0]!.barcode!, { session: rep })).status).toBe(403);
	});

	it('lets a rep read what came in (before refunding), but not scan it in', async () => {
		const rep = await t.signIn('support');
		const { order, ret } = await twoLineReturn();
		expect((await scan(ret.id, order.products[0]!.barcode!)).status).toBe(201);
		const res = await t.request(`/api/returns/${ret.id}/receiving`, { session: rep });
		expect(res.status).toBe(200);
		expect((await res.json()).units).toHaveLength(1);
	});
});
