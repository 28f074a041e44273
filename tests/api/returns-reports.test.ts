import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { returnOverrides, storeCreditEntries } from '../../db/schema/returns';
import { createDeliveredOrder, insertReturn } from '../support/returns-factory';
import { createTestApi, roundTrips, type Session, type TestApi } from '../support/test-api';

// Returns reports from seeded rows in a database of their own, figures worked by hand:
//   MUG (Kitchen) 10 shipped, 2 returned (damaged)       → 20%
//   TEE (Apparel)  4 shipped, 1 returned (changed mind)  → 25%
//   one damaged-item claim on the mug order: 1 unit, refunded 12.00 (pending refund, kind claim)
//   store credit 5.00 (kind return); one override by Maria Manager (window)
//   the tee's return resolved 3 days after it was requested; the mug's 10 days after

const DAY = 86_400_000;
let t: TestApi;
let reader: Session;
let support: Session;

beforeAll(async () => {
	t = await createTestApi();
	reader = await t.signIn('manager');
	support = await t.signIn('support');
	const mugs = await createDeliveredOrder(t.db, {
		lines: [{ sku: 'MUG', name: 'Blue mug', category: 'Kitchen', quantity: 10, priceMinor: 1200 }]
	});
	const tees = await createDeliveredOrder(t.db, {
		customerId: mugs.customerId,
		lines: [{ sku: 'TEE', name: 'Plain tee', category: 'Apparel', quantity: 4, priceMinor: 900 }]
	});
	const mugReturn = await insertReturn(t.db, mugs, {
		lines: [{ orderLine: 1, quantity: 2, reasonCode: 'damaged' }]
	});
	const teeReturn = await insertReturn(t.db, tees, {
		lines: [{ orderLine: 1, quantity: 1, reasonCode: 'changed_mind' }]
	});
	const now = Date.now();
	for (const [id, days] of [
		[teeReturn.id, 3],
		[mugReturn.id, 10]
	] as const)
		await t.db.run(
			sql`UPDATE returns SET status = 'resolved', created_at = ${now - days * DAY}, resolved_at = ${now} WHERE id = ${id}`
		);
	const claim = await t.request('/api/claims', {
		method: 'POST',
		session: support,
		json: {
			orderId: mugs.id,
			kind: 'damaged',
			lines: [{ orderLine: 1, quantity: 1 }],
			resolution: 'refund'
		}
	});
	expect(claim.status).toBe(201);
	await t.db.insert(storeCreditEntries).values({
		id: crypto.randomUUID(),
		customerId: mugs.customerId,
		amountMinor: 500,
		kind: 'return',
		returnId: teeReturn.id,
		idempotencyKey: crypto.randomUUID()
	});
	const manager = await t.db.all<{ id: string }>(sql`SELECT id FROM users WHERE role = 'manager'`);
	await t.db.run(sql`UPDATE users SET name = 'Maria Manager' WHERE id = ${manager[0]!.id}`);
	await t.db.insert(returnOverrides).values({
		id: crypto.randomUUID(),
		returnId: teeReturn.id,
		rule: 'window',
		reason: 'Customer was in hospital',
		managerId: manager[0]!.id
	});
});

const report = async (table: string, format = 'json') => {
	const res = await t.request(`/api/reports/returns?table=${table}&format=${format}`, {
		session: reader
	});
	expect(res.status).toBe(200);
	return res;
};
const rows = async (table: string) => (await (await report(table)).json()).rows;

describe('returns reports', () => {
	it('return rate by product and by category, in one query', async () => {
		const res = await report('by-product');
		expect(roundTrips(res).domain).toBe(1);
		expect((await res.json()).rows).toEqual([
			{
				sku: 'MUG',
				name: 'Blue mug',
				category: 'Kitchen',
				unitsShipped: 10,
				unitsReturned: 2,
				returnRatePct: 20
			},
			{
				sku: 'TEE',
				name: 'Plain tee',
				category: 'Apparel',
				unitsShipped: 4,
				unitsReturned: 1,
				returnRatePct: 25
			}
		]);
		expect(await rows('by-category')).toEqual([
			{ category: 'Kitchen', unitsShipped: 10, unitsReturned: 2, returnRatePct: 20 },
			{ category: 'Apparel', unitsShipped: 4, unitsReturned: 1, returnRatePct: 25 }
		]);
	});

	it('by reason, with the share of units', async () => {
		expect(await rows('by-reason')).toEqual([
			{ reason: 'damaged', label: 'Arrived damaged', returns: 1, units: 2, sharePct: 66.7 },
			{ reason: 'changed_mind', label: expect.any(String), returns: 1, units: 1, sharePct: 33.3 }
		]);
	});

	it('refunds and credits by kind, claims by kind, overrides by staff member', async () => {
		expect(await rows('money-by-kind')).toEqual([
			{ source: 'refund', kind: 'claim', currency: 'GBP', count: 1, amountMinor: 1200 },
			{ source: 'store_credit', kind: 'return', currency: 'GBP', count: 1, amountMinor: 500 }
		]);
		expect(await rows('claims-by-kind')).toEqual([
			{ kind: 'damaged', claims: 1, units: 1, unitsReplaced: 0, refundMinor: 1200, currency: 'GBP' }
		]);
		expect(await rows('overrides-by-staff')).toEqual([
			{ staff: 'Maria Manager', email: expect.any(String), overrides: 1, rules: 'window' }
		]);
	});

	it('time from request to money back: median and 90th percentile per month', async () => {
		const month = new Date().toISOString().slice(0, 7);
		expect(await rows('time-to-money')).toContainEqual({
			month,
			returns: 3,
			medianDays: 3,
			p90Days: 10
		});
	});

	it('exports a table as CSV with its header', async () => {
		const res = await report('claims-by-kind', 'csv');
		expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
		expect(res.headers.get('content-disposition')).toMatch(/ordo-returns-claims-by-kind-/);
		const [header, row] = (await res.text()).split('\r\n');
		expect(header).toBe('kind,claims,units,units_replaced,refund_minor,currency');
		expect(row).toBe('damaged,1,1,0,1200,GBP');
	});

	it('refuses an unknown table in words, and people without reports.read', async () => {
		const bad = await t.request('/api/reports/returns?table=everything', { session: reader });
		expect(bad.status).toBe(422);
		expect((await t.request('/api/reports/returns', { session: support })).status).toBe(403);
	});
});
