import { beforeAll, describe, expect, it } from 'vitest';
import { createLocation, createProduct, receiveStock } from '../support/factories';
import { createTestApi, roundTrips, type Session, type TestApi } from '../support/test-api';

// A small shop with figures worked out by hand. The period: 30 days ending 2026-01-30,
// i.e. [2026-01-01, 2026-01-31).
//   A  price 2.00  MAIN 10 + SHOP 5 = 15   sold 6 (O1) + 3 − 1 returned (O3) = 8; O2 cancelled
//   B  price 5.00  MAIN 20                 sold 2 (O1)
//   C  price 10.00 MAIN 4                  last sold 2025-11-15 (O4): dead in the period
//   D  price 3.00  no stock                sold 4 (O3)
// B has a moving-average cost of 3.20 (a purchase-order receipt); the others are valued at
// their price. Two counts in the period: A at MAIN 10 → 9 (applied), C at MAIN 4 → 6
// (waiting for approval); one on the last day before it and one with no difference.
let t: TestApi;
let manager: Session;
const ids: Record<string, string> = {};

async function order(
	number: string,
	placed: string,
	status: string,
	lines: [sku: string, quantity: number, returned?: number][]
) {
	const id = crypto.randomUUID();
	await t.client.batch(
		[
			{
				sql: `INSERT INTO orders (id, number, status, total_minor, placed_at, payment_status, fulfilment_status)
					VALUES (?, ?, ?, 0, ?, 'paid', 'fulfilled')`,
				args: [id, number, status, Date.parse(placed)]
			},
			...lines.map(([sku, quantity, returned = 0], i) => ({
				sql: `INSERT INTO order_lines (order_id, line, kind, product_id, sku, name, quantity,
						unit_price_minor, quantity_shipped, quantity_returned)
					VALUES (?, ?, 'product', ?, ?, ?, ?, 100, ?, ?)`,
				args: [id, i + 1, ids[sku]!, sku, sku, quantity, quantity, returned]
			}))
		],
		'write'
	);
}

beforeAll(async () => {
	t = await createTestApi();
	const main = await createLocation(t.db, { code: 'MAIN' });
	const shop = await createLocation(t.db, { code: 'SHOP' });
	for (const [sku, priceMinor, name] of [
		['A', 200, 'Alpha mug'],
		['B', 500, 'Beta lamp'],
		// A name a spreadsheet would run as a formula: the CSV must neutralise it.
		['C', 1000, '=HYPERLINK("http://x")'],
		['D', 300, 'Delta tin']
	] as const)
		ids[sku] = (await createProduct(t.db, { sku, priceMinor, name })).id;
	await receiveStock(t.db, { productId: ids.A!, locationId: main.id, onHand: 10 });
	await receiveStock(t.db, { productId: ids.A!, locationId: shop.id, onHand: 5 });
	await receiveStock(t.db, { productId: ids.B!, locationId: main.id, onHand: 20 });
	await receiveStock(t.db, { productId: ids.C!, locationId: main.id, onHand: 4 });
	await order('O1', '2026-01-10T12:00:00Z', 'delivered', [
		['A', 6],
		['B', 2]
	]);
	await order('O2', '2026-01-20T12:00:00Z', 'cancelled', [['A', 100]]);
	await order('O3', '2026-01-25T12:00:00Z', 'delivered', [
		['A', 3, 1],
		['D', 4]
	]);
	await order('O4', '2025-11-15T09:30:00Z', 'delivered', [['C', 2]]);
	// The day after the period: not counted.
	await order('O5', '2026-01-31T00:00:00Z', 'delivered', [['B', 7]]);
	await t.client.execute({
		sql: 'UPDATE products SET average_cost_minor = 320 WHERE id = ?',
		args: [ids.B!]
	});
	manager = await t.signIn('manager');
	const task = crypto.randomUUID();
	const line = (
		n: string,
		sku: string,
		at: string,
		expected: number,
		counted: number,
		status: string
	) => ({
		sql: `INSERT INTO count_lines (id, task_id, product_id, location_id, bin, counted, counted_at,
				device_time, expected, variance_units, variance_value_minor, device_id, counted_by_id, status)
			VALUES (?, ?, ?, ?, 'A-01', ?, ?, ?, ?, ?, ?, 'phone-1', ?, ?)`,
		args: [
			n,
			task,
			ids[sku]!,
			main.id,
			counted,
			Date.parse(at),
			Date.parse(at),
			expected,
			counted - expected,
			Math.abs(counted - expected) * 100,
			manager.user.id,
			status
		]
	});
	await t.client.batch(
		[
			{
				sql: "INSERT INTO count_tasks (id, location_id, status) VALUES (?, ?, 'submitted')",
				args: [task, main.id]
			},
			line('L1', 'A', '2026-01-05T08:00:00Z', 10, 9, 'applied'),
			line('L2', 'C', '2026-01-28T16:15:00Z', 4, 6, 'awaiting_approval'),
			line('L3', 'B', '2026-01-20T10:00:00Z', 20, 20, 'applied'),
			line('L4', 'B', '2025-12-31T23:59:00Z', 21, 20, 'applied')
		],
		'write'
	);
});

const get = (path: string, session = manager) => t.request(path, { session });
const period = 'to=2026-01-30&days=30';

describe('inventory reports (exact figures)', () => {
	it('days of cover: on hand ÷ daily units, shortest first, no sales last', async () => {
		const res = await get(`/api/reports/inventory/days-of-cover?${period}`);
		expect(res.status).toBe(200);
		expect(roundTrips(res).domain).toBe(1);
		const body = await res.json();
		expect(body.period).toEqual({ from: '2026-01-01', to: '2026-01-30', days: 30 });
		expect(
			body.rows.map((r: Record<string, unknown>) => [
				r.sku,
				r.onHand,
				r.unitsSold,
				r.dailyUnits,
				r.daysOfCover
			])
		).toEqual([
			['D', 0, 4, 0.13, 0],
			['A', 15, 8, 0.27, 56.3],
			['B', 20, 2, 0.07, 300],
			['C', 4, 0, 0, null]
		]);
	});

	it('sell-through: sold ÷ (sold + on hand), best first', async () => {
		const body = await (await get(`/api/reports/inventory/sell-through?${period}`)).json();
		expect(
			body.rows.map((r: Record<string, unknown>) => [
				r.sku,
				r.unitsSold,
				r.onHand,
				r.sellThroughPct
			])
		).toEqual([
			['D', 4, 0, 100],
			['A', 8, 15, 34.8],
			['B', 2, 20, 9.1],
			['C', 0, 4, 0]
		]);
	});

	it('dead stock: on hand and no sale in the period, with the last sale', async () => {
		const body = await (await get(`/api/reports/inventory/dead-stock?${period}`)).json();
		expect(body.rows).toEqual([
			{
				productId: ids.C,
				sku: 'C',
				name: '=HYPERLINK("http://x")',
				onHand: 4,
				unitCostMinor: 1000,
				costBasis: 'price',
				valueMinor: 4000,
				currency: 'GBP',
				lastSoldAt: '2025-11-15T09:30:00.000Z'
			}
		]);
		// Ninety days reach back to C's sale: nothing is dead.
		const longer = await (
			await get('/api/reports/inventory/dead-stock?to=2026-01-30&days=90')
		).json();
		expect(longer.rows).toEqual([]);
	});

	it('valuation: on hand × unit cost per product and location, totals', async () => {
		const body = await (await get('/api/reports/inventory/valuation')).json();
		expect(
			body.rows.map((r: Record<string, unknown>) => [
				r.sku,
				r.locationCode,
				r.onHand,
				r.unitCostMinor,
				r.costBasis,
				r.valueMinor
			])
		).toEqual([
			['B', 'MAIN', 20, 320, 'average_cost', 6400],
			['C', 'MAIN', 4, 1000, 'price', 4000],
			['A', 'MAIN', 10, 200, 'price', 2000],
			['A', 'SHOP', 5, 200, 'price', 1000]
		]);
		expect(body.totals).toEqual([{ currency: 'GBP', onHand: 39, valueMinor: 13400 }]);
	});

	it('count variance history: every difference counted in the period, newest first', async () => {
		const body = await (await get(`/api/reports/inventory/count-variances?${period}`)).json();
		expect(
			body.rows.map((r: Record<string, unknown>) => [
				r.lineId,
				r.countedAt,
				r.locationCode,
				r.sku,
				r.expected,
				r.counted,
				r.varianceUnits,
				r.varianceValueMinor,
				r.status
			])
		).toEqual([
			['L2', '2026-01-28T16:15:00.000Z', 'MAIN', 'C', 4, 6, 2, 200, 'awaiting_approval'],
			['L1', '2026-01-05T08:00:00.000Z', 'MAIN', 'A', 10, 9, -1, 100, 'applied']
		]);
		expect(body.rows[0].countedBy).toBeTruthy();
		expect(body.totals).toEqual({ lines: 2, unitsLost: 1, unitsFound: 2 });
	});
});

describe('inventory reports as CSV', () => {
	it('answers text/csv as a file, formula-looking text neutralised', async () => {
		const res = await get(`/api/reports/inventory/dead-stock?${period}&format=csv`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(res.headers.get('content-disposition')).toMatch(
			/^attachment; filename="ordo-dead-stock-\d{4}-\d{2}-\d{2}\.csv"$/
		);
		expect(await res.text()).toBe(
			'sku,name,on_hand,unit_cost_minor,cost_basis,value_minor,currency,last_sold_at\r\n' +
				`C,"'=HYPERLINK(""http://x"")",4,1000,price,4000,GBP,2025-11-15T09:30:00.000Z\r\n`
		);
	});

	it('writes every report as CSV with its header', async () => {
		const first = async (path: string) =>
			(await (await get(`${path}${path.includes('?') ? '&' : '?'}format=csv`)).text()).split(
				'\r\n'
			);
		expect((await first(`/api/reports/inventory/days-of-cover?${period}`)).slice(0, 2)).toEqual([
			'sku,name,on_hand,units_sold,daily_units,days_of_cover',
			'D,Delta tin,0,4,0.13,0'
		]);
		expect((await first(`/api/reports/inventory/sell-through?${period}`)).slice(0, 2)).toEqual([
			'sku,name,units_sold,on_hand,sell_through_pct',
			'D,Delta tin,4,0,100'
		]);
		expect((await first('/api/reports/inventory/valuation')).slice(0, 2)).toEqual([
			'sku,name,location,on_hand,unit_cost_minor,cost_basis,value_minor,currency',
			'B,Beta lamp,MAIN,20,320,average_cost,6400,GBP'
		]);
		expect((await first(`/api/reports/inventory/count-variances?${period}`)).slice(0, 2)).toEqual([
			'counted_at,location,bin,sku,name,expected,counted,variance_units,variance_value_minor,currency,status,counted_by,decided_by',
			expect.stringMatching(
				/^2026-01-28T16:15:00.000Z,MAIN,A-01,C,"'=HYPERLINK\(""http:\/\/x""\)",4,6,2,200,GBP,awaiting_approval,.+,$/
			)
		]);
	});
});

describe('inventory reports (refusals)', () => {
	it('are for managers (reports.read), not the warehouse', async () => {
		const warehouse = await t.signIn('warehouse');
		expect((await get('/api/reports/inventory/valuation', warehouse)).status).toBe(403);
	});

	it('refuse a bad period with a 422 naming the field', async () => {
		const res = await get('/api/reports/inventory/days-of-cover?to=2026-13-45&days=0');
		expect(res.status).toBe(422);
		const { errors } = await res.json();
		expect(Object.keys(errors).sort()).toEqual(['days', 'to']);
	});
});
