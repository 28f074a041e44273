import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	DEFAULT_RETURN_POLICY,
	decideAfterInspection,
	decideReturnLine
} from '../../worker/features/returns/policy/decide';
import {
	createDeliveredOrder,
	insertReturn,
	type DeliveredOrder
} from '../support/returns-factory';
import { createTestApi, type Session, type TestApi } from '../support/test-api';

// Inspection (issue 11): a grade and a disposition per received unit. Only restocking moves
// stock, in the inspection's own batch; quarantine keeps the unit out of stock; a line whose
// units are all in and graded becomes 'inspected' and its decision is re-run with the grade.
let t: TestApi;
let warehouse: Session;

beforeAll(async () => {
	t = await createTestApi();
	warehouse = await t.signIn('warehouse');
});

type Unit = { id: string; line: number | null; version: number; grade: string | null };

async function receivedReturn(lines = [{ quantity: 1 }, { quantity: 1 }]) {
	const order = await createDeliveredOrder(t.db, {
		lines: lines.map((l, i) => ({ ...l, name: `Item ${i + 1}` }))
	});
	const ret = await insertReturn(t.db, order, {
		lines: lines.map((l, i) => ({ orderLine: i + 1, quantity: l.quantity }))
	});
	for (const [i, l] of lines.entries())
		for (let n = 0; n < l.quantity; n++) {
			const res = await t.request(`/api/returns/${ret.id}/receipts`, {
				method: 'POST',
				session: warehouse,
				headers: { 'idempotency-key': crypto.randomUUID() },
				json: { code: order.products[i]!.barcode, deviceTime: new Date().toISOString() }
			});
			expect(res.status).toBe(201);
		}
	const view = await (
		await t.request(`/api/returns/${ret.id}/receiving`, { session: warehouse })
	).json();
	return { order, ret, units: view.units as Unit[] };
}

const inspect = (returnId: string, unit: Unit, body: Record<string, unknown>) =>
	t.request(`/api/returns/${returnId}/units/${unit.id}/inspection`, {
		method: 'POST',
		session: warehouse,
		json: { version: unit.version, ...body }
	});

async function stockOf(order: DeliveredOrder, product: number, locationId = order.locationId) {
	const [row] = await t.db.all<{ onHand: number; restocks: number }>(sql`SELECT
		(SELECT coalesce(sum(on_hand), 0) FROM stock_levels WHERE product_id = ${order.products[product]!.id} AND location_id = ${locationId}) AS onHand,
		(SELECT count(*) FROM stock_movements WHERE product_id = ${order.products[product]!.id} AND kind = 'return_restock' AND location_id = ${locationId}) AS restocks`);
	return row!;
}

const lineOf = async (returnId: string, line: number) =>
	(
		await t.db.all<{
			status: string;
			quantity_inspected: number;
			refund_minor: number;
			fee_minor: number;
			decision: string | null;
		}>(
			sql`SELECT status, quantity_inspected, refund_minor, fee_minor, decision FROM return_lines WHERE return_id = ${returnId} AND line = ${line}`
		)
	)[0]!;

describe('inspection: dispositions', () => {
	it('restocks one unit: on hand +1 and a return_restock movement, the line inspected', async () => {
		const { order, ret, units } = await receivedReturn();
		const before = await stockOf(order, 0);
		const res = await inspect(ret.id, units[0]!, { grade: 'new', disposition: 'restock' });
		expect(res.status, await res.clone().text()).toBe(200);
		expect(await res.json()).toMatchObject({ grade: 'new', disposition: 'restock' });
		expect(await stockOf(order, 0)).toEqual({
			onHand: before.onHand + 1,
			restocks: before.restocks + 1
		});
		expect(await lineOf(ret.id, 1)).toMatchObject({ status: 'inspected', quantity_inspected: 1 });
		const [r] = await t.db.all<{ status: string }>(
			sql`SELECT status FROM returns WHERE id = ${ret.id}`
		);
		expect(r!.status).toBe('received');
		const [audit] = await t.db.all<{ n: number }>(
			sql`SELECT count(*) AS n FROM audit_log WHERE action = 'returns.inspect' AND target_id = ${ret.id}`
		);
		expect(audit!.n).toBe(1);
	});

	it('keeps a quarantined unit out of stock, and lets it be decided again later', async () => {
		const { order, ret, units } = await receivedReturn();
		const before = await stockOf(order, 1);
		const res = await inspect(ret.id, units[1]!, { grade: 'damaged', disposition: 'quarantine' });
		expect(res.status).toBe(200);
		const unit = (await res.json()) as Unit;
		expect(await stockOf(order, 1)).toEqual(before);
		expect(await lineOf(ret.id, 2)).toMatchObject({ status: 'inspected', quantity_inspected: 1 });
		const quarantined = async () =>
			(
				await (
					await t.request(`/api/returns/receiving/quarantine/${order.products[1]!.id}`, {
						session: warehouse
					})
				).json()
			).units;
		expect(await quarantined()).toBe(1);
		const again = await inspect(ret.id, unit, { grade: 'damaged', disposition: 'dispose' });
		expect(again.status).toBe(200);
		expect(await quarantined()).toBe(0);
		expect(await lineOf(ret.id, 2)).toMatchObject({ quantity_inspected: 1 });
		expect(await stockOf(order, 1)).toEqual(before);
	});

	it('restocks open box into the OPEN-BOX location, made on first use', async () => {
		const { order, ret, units } = await receivedReturn();
		const res = await inspect(ret.id, units[0]!, {
			grade: 'opened',
			disposition: 'restock_open_box'
		});
		expect(res.status, await res.clone().text()).toBe(200);
		const [box] = await t.db.all<{ id: string }>(
			sql`SELECT id FROM locations WHERE code = 'OPEN-BOX'`
		);
		expect(await stockOf(order, 0, box!.id)).toMatchObject({ onHand: 1, restocks: 1 });
		const second = await receivedReturn();
		expect(
			(
				await inspect(second.ret.id, second.units[0]!, {
					grade: 'opened',
					disposition: 'restock_open_box'
				})
			).status
		).toBe(200);
		const [n] = await t.db.all<{ n: number }>(
			sql`SELECT count(*) AS n FROM locations WHERE code = 'OPEN-BOX'`
		);
		expect(n!.n).toBe(1);
	});

	it('records the others without moving stock', async () => {
		const { order, ret, units } = await receivedReturn();
		const before = await stockOf(order, 0);
		expect(
			(await inspect(ret.id, units[0]!, { grade: 'defective', disposition: 'return_to_vendor' }))
				.status
		).toBe(200);
		expect(await stockOf(order, 0)).toEqual(before);
	});

	it('waits for every unit of a line before it is inspected', async () => {
		const { ret, units } = await receivedReturn([{ quantity: 2 }]);
		await inspect(ret.id, units[0]!, { grade: 'new', disposition: 'restock' });
		expect(await lineOf(ret.id, 1)).toMatchObject({ status: 'received', quantity_inspected: 1 });
		await inspect(ret.id, units[1]!, { grade: 'new', disposition: 'restock' });
		expect(await lineOf(ret.id, 1)).toMatchObject({ status: 'inspected', quantity_inspected: 2 });
		const [r] = await t.db.all<{ status: string }>(
			sql`SELECT status FROM returns WHERE id = ${ret.id}`
		);
		expect(r!.status).toBe('inspected');
	});
});

describe('inspection: the decision follows the grade', () => {
	it('re-runs the policy decision with the grade and stores the refund and fee', async () => {
		const { order, ret, units } = await receivedReturn();
		const decision = decideReturnLine({
			policy: DEFAULT_RETURN_POLICY,
			policyVersion: 1,
			line: {
				orderLine: `${order.id}:1`,
				productId: order.products[0]!.id,
				sku: order.products[0]!.sku,
				name: order.products[0]!.name,
				category: null,
				quantity: 1,
				unitNetMinor: 1000
			},
			order: {
				placedAt: Date.now() - 10 * 86_400_000,
				shippedAt: Date.now() - 9 * 86_400_000,
				deliveredAt: Date.now() - 7 * 86_400_000,
				lastDeliveredAt: Date.now() - 7 * 86_400_000,
				country: 'GB',
				shippingMinor: 0
			},
			reason: { code: 'no_longer_needed' },
			now: Date.now()
		});
		expect(decision.eligible).toBe(true);
		await t.db
			.run(sql`UPDATE return_lines SET decision = ${JSON.stringify(decision)}, refund_minor = ${decision.refundMinor}
			WHERE return_id = ${ret.id} AND line = 1`);
		const expected = decideAfterInspection(decision, 'empty_box');
		expect(expected.refundMinor).not.toBe(decision.refundMinor);
		expect(
			(await inspect(ret.id, units[0]!, { grade: 'empty_box', disposition: 'dispose' })).status
		).toBe(200);
		const line = await lineOf(ret.id, 1);
		expect(line.refund_minor).toBe(expected.refundMinor);
		expect(line.fee_minor).toBe(expected.feeMinor);
		expect(JSON.parse(line.decision!).grade).toBe('empty_box');
	});
});

describe('inspection: refusals', () => {
	it('refuses a second decision on a restocked unit (409) and moves nothing', async () => {
		const { order, ret, units } = await receivedReturn();
		const first = await inspect(ret.id, units[0]!, { grade: 'new', disposition: 'restock' });
		const after = await stockOf(order, 0);
		const res = await inspect(ret.id, (await first.json()) as Unit, {
			grade: 'new',
			disposition: 'restock'
		});
		expect(res.status).toBe(409);
		expect((await res.json()).type).toBe('urn:ordo:problem:unit-already-inspected');
		expect(await stockOf(order, 0)).toEqual(after);
	});

	it('refuses a stale unit version (409) and moves nothing', async () => {
		const { order, ret, units } = await receivedReturn();
		await inspect(ret.id, units[0]!, { grade: 'damaged', disposition: 'quarantine' });
		const before = await stockOf(order, 0);
		const res = await inspect(ret.id, units[0]!, { grade: 'new', disposition: 'restock' });
		expect(res.status).toBe(409);
		expect((await res.json()).type).toBe('urn:ordo:problem:return-unit-changed');
		expect(await stockOf(order, 0)).toEqual(before);
	});

	it('refuses to restock an item that matches no product (422)', async () => {
		const { ret } = await receivedReturn();
		await t.request(`/api/returns/${ret.id}/receipts`, {
			method: 'POST',
			session: warehouse,
			headers: { 'idempotency-key': crypto.randomUUID() },
			json: { code: 'MYSTERY', deviceTime: new Date().toISOString() }
		});
		const view = await (
			await t.request(`/api/returns/${ret.id}/receiving`, { session: warehouse })
		).json();
		const mystery = view.units.find((u: { code: string }) => u.code === 'MYSTERY');
		const res = await inspect(ret.id, mystery, { grade: 'new', disposition: 'restock' });
		expect(res.status).toBe(422);
		expect(
			(await inspect(ret.id, mystery, { grade: 'new', disposition: 'quarantine' })).status
		).toBe(200);
	});

	it('answers 404 for a unit of another return', async () => {
		const a = await receivedReturn();
		const b = await receivedReturn();
		expect(
			(await inspect(a.ret.id, b.units[0]!, { grade: 'new', disposition: 'restock' })).status
		).toBe(404);
	});
});
