import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	createDeliveredOrder,
	insertReturn,
	type DeliveredOrder
} from '../support/returns-factory';
import { createTestApi, type Session, type TestApi } from '../support/test-api';

// Bulk inspection (issue 11): six identical units of a line graded with one form, one
// request, one batch, under the single inspection's rules; idempotent by key and version.
let t: TestApi;
let warehouse: Session;
let rep: Session;

beforeAll(async () => {
	t = await createTestApi();
	warehouse = await t.signIn('warehouse');
	rep = await t.signIn('support');
});

/** A return of `quantity` units of one product, all scanned in with one scan. */
async function receivedLine(quantity = 6) {
	const order = await createDeliveredOrder(t.db, { lines: [{ quantity, name: 'Bulk mug' }] });
	const ret = await insertReturn(t.db, order, { lines: [{ orderLine: 1, quantity }] });
	const res = await t.request(`/api/returns/${ret.id}/receipts`, {
		method: 'POST',
		session: warehouse,
		headers: { 'idempotency-key': crypto.randomUUID() },
		json: { code: order.products[0]!.barcode, quantity, deviceTime: new Date().toISOString() }
	});
	expect(res.status, await res.clone().text()).toBe(201);
	return { order, ret };
}

const inspectLine = (
	returnId: string,
	body: Record<string, unknown>,
	{ key = crypto.randomUUID(), session = warehouse }: { key?: string; session?: Session } = {}
) =>
	t.request(`/api/returns/${returnId}/lines/1/inspection`, {
		method: 'POST',
		session,
		headers: { 'idempotency-key': key },
		json: body
	});

async function stockOf(order: DeliveredOrder) {
	const [row] = await t.db.all<{ onHand: number; restocked: number; movements: number }>(sql`SELECT
		(SELECT coalesce(sum(on_hand), 0) FROM stock_levels WHERE product_id = ${order.products[0]!.id}) AS onHand,
		(SELECT coalesce(sum(on_hand_delta), 0) FROM stock_movements WHERE product_id = ${order.products[0]!.id} AND kind = 'return_restock') AS restocked,
		(SELECT count(*) FROM stock_movements WHERE product_id = ${order.products[0]!.id} AND kind = 'return_restock') AS movements`);
	return row!;
}

async function stateOf(returnId: string) {
	const [row] = await t.db.all<{
		lineStatus: string;
		inspected: number;
		graded: number;
		restocked: number;
		quarantined: number;
		audits: number;
		timeline: number;
	}>(sql`SELECT
		(SELECT status FROM return_lines WHERE return_id = ${returnId} AND line = 1) AS lineStatus,
		(SELECT quantity_inspected FROM return_lines WHERE return_id = ${returnId} AND line = 1) AS inspected,
		(SELECT count(*) FROM return_units WHERE return_id = ${returnId} AND grade IS NOT NULL) AS graded,
		(SELECT count(*) FROM return_units WHERE return_id = ${returnId} AND disposition = 'restock') AS restocked,
		(SELECT count(*) FROM return_units WHERE return_id = ${returnId} AND disposition = 'quarantine') AS quarantined,
		(SELECT count(*) FROM audit_log WHERE action = 'returns.inspect_line' AND target_id = ${returnId}) AS audits,
		(SELECT count(*) FROM timeline_events WHERE entity_id = ${returnId} AND kind = 'return.inspected') AS timeline`);
	return row!;
}

describe('bulk inspection of a line (happy)', () => {
	it('grades 6 units as new and restocks them in one request: +6 on hand, the line inspected', async () => {
		const { order, ret } = await receivedLine(6);
		const before = await stockOf(order);
		const res = await inspectLine(ret.id, { grade: 'new', disposition: 'restock' });
		expect(res.status, await res.clone().text()).toBe(200);
		const body = await res.json();
		expect(body).toMatchObject({ line: 1, inspected: 6, lineStatus: 'inspected' });
		expect(body.units).toHaveLength(6);
		expect(await stockOf(order)).toEqual({
			onHand: before.onHand + 6,
			restocked: before.restocked + 6,
			movements: before.movements + 1
		});
		expect(await stateOf(ret.id)).toEqual({
			lineStatus: 'inspected',
			inspected: 6,
			graded: 6,
			restocked: 6,
			quarantined: 0,
			audits: 1,
			timeline: 1
		});
	});

	it('grades part of a line, then the rest: the line is inspected only when all are graded', async () => {
		const { order, ret } = await receivedLine(6);
		const before = await stockOf(order);
		const some = await inspectLine(ret.id, {
			grade: 'damaged',
			disposition: 'quarantine',
			quantity: 2
		});
		expect(some.status, await some.clone().text()).toBe(200);
		expect(await stateOf(ret.id)).toMatchObject({
			lineStatus: 'received',
			inspected: 2,
			quarantined: 2
		});
		const rest = await inspectLine(ret.id, { grade: 'new', disposition: 'restock', quantity: 4 });
		expect(rest.status, await rest.clone().text()).toBe(200);
		expect(await stateOf(ret.id)).toMatchObject({
			lineStatus: 'inspected',
			inspected: 6,
			restocked: 4,
			quarantined: 2
		});
		expect((await stockOf(order)).onHand).toBe(before.onHand + 4);
	});
});

describe('bulk inspection of a line (error)', () => {
	it('the same key again replays the first answer: stock moves once', async () => {
		const { order, ret } = await receivedLine(3);
		const before = await stockOf(order);
		const key = crypto.randomUUID();
		const body = { grade: 'new', disposition: 'restock' };
		const first = await inspectLine(ret.id, body, { key });
		const again = await inspectLine(ret.id, body, { key });
		expect(first.status).toBe(200);
		expect(again.status).toBe(200);
		expect(await again.json()).toEqual(await first.json());
		expect((await stockOf(order)).onHand).toBe(before.onHand + 3);
		expect((await stateOf(ret.id)).audits).toBe(1);
	});

	it('a second submit under a new key finds nothing waiting: 409, nothing moves', async () => {
		const { order, ret } = await receivedLine(3);
		expect((await inspectLine(ret.id, { grade: 'new', disposition: 'restock' })).status).toBe(200);
		const after = await stockOf(order);
		const second = await inspectLine(ret.id, { grade: 'new', disposition: 'restock' });
		expect(second.status).toBe(409);
		expect(await second.json()).toMatchObject({ type: 'urn:ordo:problem:units-not-waiting' });
		expect(await stockOf(order)).toEqual(after);
	});

	it('more units than wait for inspection: 409 in words, nothing graded', async () => {
		const { ret } = await receivedLine(2);
		const res = await inspectLine(ret.id, { grade: 'new', disposition: 'restock', quantity: 5 });
		expect(res.status).toBe(409);
		expect((await res.json()).title).toBe('Only 2 item(s) of line 1 wait for inspection, not 5');
		expect(await stateOf(ret.id)).toMatchObject({ graded: 0, audits: 0 });
	});

	it('a return that changed since it was loaded: 409, nothing graded', async () => {
		const { ret } = await receivedLine(2);
		const [{ version }] = (await t.db.all<{ version: number }>(
			sql`SELECT version FROM returns WHERE id = ${ret.id}`
		)) as [{ version: number }];
		const res = await inspectLine(ret.id, {
			grade: 'new',
			disposition: 'restock',
			version: version - 1
		});
		expect(res.status).toBe(409);
		expect(await res.json()).toMatchObject({ type: 'urn:ordo:problem:return-changed' });
		expect(await stateOf(ret.id)).toMatchObject({ graded: 0 });
	});

	it('without an Idempotency-Key: refused, nothing graded', async () => {
		const { ret } = await receivedLine(2);
		const res = await t.request(`/api/returns/${ret.id}/lines/1/inspection`, {
			method: 'POST',
			session: warehouse,
			json: { grade: 'new', disposition: 'restock' }
		});
		expect(res.status).toBe(422);
		expect(await stateOf(ret.id)).toMatchObject({ graded: 0 });
	});
});

describe('bulk inspection of a line (security)', () => {
	it('a rep (no returns.receive) cannot grade: 403', async () => {
		const { ret } = await receivedLine(1);
		const res = await inspectLine(
			ret.id,
			{ grade: 'new', disposition: 'restock' },
			{ session: rep }
		);
		expect(res.status).toBe(403);
		expect(await stateOf(ret.id)).toMatchObject({ graded: 0 });
	});

	it('a card number in the note is refused before anything is graded', async () => {
		const { ret } = await receivedLine(1);
		const res = await inspectLine(ret.id, {
			grade: 'new',
			disposition: 'restock',
			note: 'customer card 4111 1111 1111 1111'
		});
		expect(res.status).toBe(422);
		expect(await stateOf(ret.id)).toMatchObject({ graded: 0 });
	});
});
