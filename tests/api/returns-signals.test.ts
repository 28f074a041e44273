import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { returnReceipts } from '../../db/schema/returns';
import { createCustomer } from '../support/factories';
import { createDeliveredOrder, insertReturn } from '../support/returns-factory';
import { createTestApi, roundTrips, type Session, type TestApi } from '../support/test-api';

// A customer's return-abuse signals, from seeded rows in a database of their own (so the
// shop's average is known): 8 items bought, 6 returned, both returns of Apparel/Footwear
// a day before the 30-day window closed, 2 items that were not on a return, 2 keep-the-item
// outcomes and 2 lost-parcel claims. Another customer bought 10 and returned none: the
// shop's average is 6 of 18 (33%).

const DAY = 86_400_000;
let t: TestApi;
let support: Session;
let warehouse: Session;
let risky: string;
let quiet: string;
const returnIds: string[] = [];

beforeAll(async () => {
	t = await createTestApi();
	support = await t.signIn('support');
	warehouse = await t.signIn('warehouse');
	risky = (await createCustomer(t.db)).id;
	quiet = (await createCustomer(t.db)).id;
	const now = Date.now();
	for (const category of ['Apparel', 'Footwear']) {
		const order = await createDeliveredOrder(t.db, {
			customerId: risky,
			lines: [{ quantity: 4, category }],
			placedAt: now - 35 * DAY,
			deliveredAt: now - 29.5 * DAY
		});
		const r = await insertReturn(t.db, order, { lines: [{ orderLine: 1, quantity: 3 }] });
		returnIds.push(r.id);
		await t.db.run(sql`UPDATE return_lines SET outcome = 'keep_item' WHERE return_id = ${r.id}`);
		await insertReturn(t.db, order, {
			kind: 'claim',
			lines: [{ orderLine: 1, quantity: 1, reasonCode: 'lost_parcel' }]
		});
		if (category === 'Apparel')
			await t.db.insert(returnReceipts).values({
				id: crypto.randomUUID(),
				returnId: r.id,
				code: 'UNKNOWN-SKU',
				quantity: 2,
				expected: false,
				flag: 'Not on the return',
				locationId: order.locationId,
				idempotencyKey: crypto.randomUUID()
			});
	}
	await createDeliveredOrder(t.db, { customerId: quiet, lines: [{ quantity: 10 }] });
});

const signals = (id: string, session = support) =>
	t.request(`/api/customers/${id}/return-signals`, { session });

describe('return signals', () => {
	it('flags each signal in words, with its evidence, in one round trip', async () => {
		const res = await signals(risky);
		expect(res.status).toBe(200);
		expect(roundTrips(res).domain).toBe(1);
		const body = await res.json();
		expect(body.needsManager).toBe(true);
		const byCode = Object.fromEntries(
			body.flags.map((f: { code: string }) => [f.code, f])
		) as Record<string, { severity: string; words: string; evidence: { href: string }[] }>;
		expect(Object.keys(byCode).sort()).toEqual([
			'keep_item',
			'late_wear_prone',
			'not_received_claims',
			'return_rate',
			'unexpected_items'
		]);
		expect(byCode.return_rate).toMatchObject({
			severity: 'manager',
			words: "Returned 6 of 8 items (75%) in the last 90 days; the shop's average is 33%."
		});
		expect(byCode.return_rate!.evidence.map((e) => e.href)).toEqual(
			expect.arrayContaining(returnIds.map((id) => `/returns/${id}`))
		);
		expect(byCode.unexpected_items!.words).toMatch(/^2 items received that were not on/);
		expect(byCode.unexpected_items!.evidence).toEqual([
			{ label: expect.stringMatching(/^RET-/), href: `/returns/${returnIds[0]}` }
		]);
		expect(byCode.late_wear_prone!.words).toBe(
			'2 returns of Apparel or Footwear in the last 2 days of the 30-day window.'
		);
		expect(byCode.not_received_claims!.severity).toBe('manager');
		expect(byCode.keep_item!.words).toMatch(/2 times \(6 items\)/);
	});

	it('has nothing to say about a customer who keeps what they buy', async () => {
		const body = await (await signals(quiet)).json();
		expect(body).toMatchObject({ needsManager: false, flags: [] });
	});

	it('follows the thresholds in the returns.signals setting', async () => {
		await t.db.run(
			sql`INSERT INTO settings (key, value) VALUES ('returns.signals', json('{"windowDays": 20, "keepItem": 5}'))`
		);
		const body = await (await signals(risky)).json();
		await t.db.run(sql`DELETE FROM settings WHERE key = 'returns.signals'`);
		// Orders placed 35 days ago are outside 20 days: nothing bought to judge a rate by.
		expect(body.windowDays).toBe(20);
		expect(body.flags.map((f: { code: string }) => f.code).sort()).toEqual([
			'late_wear_prone',
			'not_received_claims',
			'unexpected_items'
		]);
	});

	it('answers 404 for an unknown customer, and is for people who may read customers', async () => {
		expect((await signals('nobody')).status).toBe(404);
		// About a customer's behaviour: the warehouse reads returns, not customers.
		expect((await signals(risky, warehouse)).status).toBe(403);
		const manager = await t.signIn('manager');
		expect((await signals(risky, manager)).status).toBe(200);
	});
});
