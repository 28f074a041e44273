import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemCtx } from '../../worker/core/context';
import { refreshAllDuplicates } from '../../worker/features/customers/duplicates/refresh-duplicates';
import { scanAllDuplicates } from '../../worker/features/customers/duplicates/scan-all-duplicates';
import { createProfile } from '../support/duplicates-factory';
import { createLocation, createOrders, createProduct, receiveStock } from '../support/factories';
import { createTestApi, type Session, type TestApi } from '../support/test-api';

let t: TestApi;
let rep: Session;
let warehouse: Session;
let at: { productId: string; locationId: string };

type Pair = {
	a: { id: string; externalId: string | null };
	b: { id: string };
	score: number;
	reasons: string[];
};

beforeAll(async () => {
	t = await createTestApi();
	rep = await t.signIn('support');
	warehouse = await t.signIn('warehouse');
	at = { productId: (await createProduct(t.db)).id, locationId: (await createLocation(t.db)).id };
	await receiveStock(t.db, { ...at, onHand: 1000 });
});

const refresh = () => refreshAllDuplicates({ ctx: systemCtx(t.db) });
const list = async (query = '') => {
	const res = await t.request(`/api/customers/duplicates${query}`, { session: rep });
	expect(res.status).toBe(200);
	return (await res.json()) as { items: Pair[]; open: number; waiting: number; minScore: number };
};
const pairOf = (items: Pair[], x: string, y: string) =>
	items.find((p) => (p.a.id === x && p.b.id === y) || (p.a.id === y && p.b.id === x));
const post = (path: string, json: unknown, session = rep) =>
	t.request(path, { method: 'POST', session, json });

describe('candidates, incrementally', () => {
	it('proposes a new customer who is someone already there, with the reasons in words', async () => {
		const bob = await createProfile(t.db, {
			given: 'Robert',
			family: 'Fairfax',
			phones: ['+447700900101'],
			postcode: 'SW1A 1AA'
		});
		const again = await createProfile(t.db, {
			given: 'Bob',
			family: 'Fairfax',
			phones: ['+447700900101'],
			postcode: 'SW1A 1AA'
		});
		const queued = await t.db.all(
			sql`SELECT 1 FROM customer_duplicate_queue WHERE customer_id = ${again.id}`
		);
		expect(queued).toHaveLength(1);
		const { items, waiting } = await list();
		expect(waiting).toBe(0);
		const pair = pairOf(items, bob.id, again.id)!;
		expect(pair.score).toBeGreaterThanOrEqual(0.8);
		expect(pair.reasons).toEqual(
			expect.arrayContaining(['same phone', 'same postcode', 'names Jaro-Winkler 1.00'])
		);
		// `open` counts every page (the customers page shows it beside the queue's link).
		const everyPage = await list(`?customerId=${again.id}`);
		const onePage = await list(`?customerId=${again.id}&limit=1`);
		expect(onePage.items).toHaveLength(1);
		expect(onePage.open).toBe(everyPage.items.length);
		expect((await list('?limit=1')).open).toBeGreaterThanOrEqual(everyPage.items.length);
	});

	it('never proposes twins at one address', async () => {
		const shared = {
			family: 'Okafor',
			phones: ['+447700900202'],
			postcode: 'M1 1AE',
			dob: '1990-05-05'
		};
		const ada = await createProfile(t.db, { given: 'Adaeze', ...shared });
		const chi = await createProfile(t.db, { given: 'Chidi', ...shared });
		await refresh();
		expect(pairOf((await list('?minScore=0')).items, ada.id, chi.id)).toBeUndefined();
	});

	it('re-scores a customer whose details change: a pair appears, and goes when they differ again', async () => {
		const x = await createProfile(t.db, {
			given: 'Ingrid',
			family: 'Larsen',
			emails: ['ingrid@example.no']
		});
		const y = await createProfile(t.db, {
			given: 'Ingrid',
			family: 'Larsen',
			emails: ['il@example.org']
		});
		await refresh();
		expect(pairOf((await list()).items, x.id, y.id)).toBeUndefined();
		await t.db.run(
			sql`UPDATE customer_emails SET email = 'ingrid@example.no' WHERE customer_id = ${y.id}`
		);
		await refresh();
		expect(pairOf((await list()).items, x.id, y.id)?.reasons).toContain('same email');
		await t.db.run(
			sql`UPDATE customer_emails SET email = 'someone.else@example.org' WHERE customer_id = ${y.id}`
		);
		await t.db.run(sql`UPDATE customers SET given_name = 'Sven' WHERE id = ${y.id}`);
		await refresh();
		expect(pairOf((await list()).items, x.id, y.id)).toBeUndefined();
	});
});

describe('full scan and "not a duplicate"', () => {
	it('finds the same pairs from scratch, and never proposes a dismissed pair again', async () => {
		const p = await createProfile(t.db, {
			given: 'Priya',
			family: 'Shah',
			emails: ['priya.shah@example.com'],
			dob: '1985-02-11'
		});
		const q = await createProfile(t.db, {
			given: 'Priya',
			family: 'Shah',
			emails: ['priya.shah@example.com'],
			dob: '1985-11-02'
		});
		await t.db.run(sql`DELETE FROM customer_duplicate_queue`);
		expect(pairOf((await list()).items, p.id, q.id)).toBeUndefined();
		const scan = await scanAllDuplicates({ ctx: systemCtx(t.db) });
		expect(scan.comparisons).toBeLessThanOrEqual(scan.budget);
		expect(pairOf((await list()).items, p.id, q.id)?.reasons).toContain(
			'dates of birth with day and month swapped'
		);

		const res = await post('/api/customers/duplicates/dismiss', { a: q.id, b: p.id });
		expect(res.status).toBe(200);
		expect((await res.json()).status).toBe('dismissed');
		await scanAllDuplicates({ ctx: systemCtx(t.db) });
		await t.db.run(
			sql`UPDATE customers SET notes = 'x', date_of_birth = '1985-02-11' WHERE id = ${q.id}`
		);
		await refresh();
		expect(pairOf((await list('?minScore=0')).items, p.id, q.id)).toBeUndefined();
	});

	it('refuses bad input in words, and people without the permission', async () => {
		expect(
			(await t.request('/api/customers/duplicates?minScore=high', { session: rep })).status
		).toBe(422);
		expect((await t.request('/api/customers/duplicates?minScore=2', { session: rep })).status).toBe(
			422
		);
		expect(
			(await t.request('/api/customers/duplicates?cursor=nonsense', { session: rep })).status
		).toBe(400);
		const same = await post('/api/customers/duplicates/dismiss', { a: 'x', b: 'x' });
		expect(same.status).toBe(422);
		const missing = await post('/api/customers/duplicates/dismiss', {
			a: 'nobody-1',
			b: 'nobody-2'
		});
		expect(missing.status).toBe(404);
		expect((await t.request('/api/customers/duplicates', { session: warehouse })).status).toBe(403);
		expect(
			(await post('/api/customers/merges', { survivorId: 'a', mergedIds: ['b'] }, warehouse)).status
		).toBe(403);
	});
});

async function threeOfOne() {
	const n = crypto.randomUUID().slice(0, 8);
	const now = Date.UTC(2026, 0, 1);
	const s = await createProfile(t.db, {
		given: 'Margaret',
		family: 'Hughes',
		emails: ['margaret@example.com'],
		phones: ['+447700900303'],
		postcode: 'CF10 1AA',
		consents: [{ channel: 'email', granted: true, at: now }],
		externalIds: [{ system: 'shopify', value: `S-${n}` }],
		tags: ['vip']
	});
	const m1 = await createProfile(t.db, {
		given: 'Maggie',
		family: 'Hughes',
		emails: ['maggie.h@example.org', 'margaret@example.com'],
		phones: ['+447700900303'],
		dob: '1962-04-09',
		consents: [
			{ channel: 'email', granted: false, at: now - 1000 },
			{ channel: 'sms', granted: true, at: now }
		],
		externalIds: [{ system: 'legacy', value: `L-${n}` }],
		notes: 'Prefers morning calls'
	});
	const m2 = await createProfile(t.db, {
		given: 'Margaret',
		family: 'Hughes',
		phones: ['+447700900304'],
		postcode: 'CF10 1AA'
	});
	const orders = [
		...(await createOrders(t.db, { ...at, customerId: s.id, count: 1 })),
		...(await createOrders(t.db, { ...at, customerId: m1.id, count: 2 })),
		...(await createOrders(t.db, { ...at, customerId: m2.id, count: 1 }))
	];
	return { s, m1, m2, orders, n };
}

const ordersOf = async (id: string) =>
	(
		await t.db.all<{ id: string }>(sql`SELECT id FROM orders WHERE customer_id = ${id} ORDER BY id`)
	).map((r) => r.id);

describe('merge and undo', () => {
	it('merges a group: fields chosen, everything moved, consents most restrictive, tombstones left', async () => {
		const { s, m1, m2, orders, n } = await threeOfOne();
		const cmp = await t.request(`/api/customers/duplicates/compare?ids=${s.id},${m1.id},${m2.id}`, {
			session: rep
		});
		expect(cmp.status).toBe(200);
		const { customers } = (await cmp.json()) as { customers: { id: string; version: number }[] };
		const versions = Object.fromEntries(customers.map((c) => [c.id, c.version]));
		const res = await post('/api/customers/merges', {
			survivorId: s.id,
			mergedIds: [m1.id, m2.id],
			versions,
			fields: { dateOfBirth: m1.id, preferredName: m1.id },
			primaryEmail: 'maggie.h@example.org'
		});
		expect(res.status).toBe(201);
		const merge = (await res.json()) as { id: string; moved: Record<string, number> };
		expect(merge.moved).toMatchObject({ orders: 3, emails: 1, externalIds: 1 });
		expect(await ordersOf(s.id)).toEqual(orders.map((o) => o.id).sort());
		const [survivor] = await t.db.all<Record<string, unknown>>(
			sql`SELECT date_of_birth AS dob, email, phone, notes, version FROM customers WHERE id = ${s.id}`
		);
		expect(survivor).toMatchObject({
			dob: '1962-04-09',
			email: 'maggie.h@example.org',
			phone: '+447700900303'
		});
		expect(survivor!.notes).toContain('Prefers morning calls');
		const consents = await t.db.all<{ channel: string; granted: number }>(
			sql`SELECT channel, granted FROM customer_consents WHERE customer_id = ${s.id} ORDER BY channel`
		);
		expect(consents).toEqual([
			{ channel: 'email', granted: 0 },
			{ channel: 'sms', granted: 1 }
		]);
		const tombstones = await t.db.all<{ merged_into: string }>(
			sql`SELECT merged_into FROM customers WHERE id IN (${m1.id}, ${m2.id})`
		);
		expect(tombstones).toEqual([{ merged_into: s.id }, { merged_into: s.id }]);
		const [legacy] = await t.db.all<{ customer_id: string }>(
			sql`SELECT customer_id FROM customer_external_ids WHERE system = 'legacy' AND value = ${`L-${n}`}`
		);
		expect(legacy!.customer_id).toBe(s.id);
		const audit = await t.db.all(
			sql`SELECT 1 FROM audit_log WHERE action = 'customer.merge' AND target_id = ${s.id}`
		);
		expect(audit).toHaveLength(1);
		const again = await post('/api/customers/merges', { survivorId: s.id, mergedIds: [m1.id] });
		expect(again.status).toBe(409);

		const undo = await post(`/api/customers/merges/${merge.id}/undo`, {});
		expect(undo.status).toBe(200);
		expect((await undo.json()).undoneAt).not.toBeNull();
		expect(await ordersOf(m1.id)).toEqual(
			orders
				.slice(1, 3)
				.map((o) => o.id)
				.sort()
		);
		expect(await ordersOf(m2.id)).toEqual([orders[3]!.id]);
		const back = await t.db.all<Record<string, unknown>>(
			sql`SELECT id, merged_into AS mergedInto, email, date_of_birth AS dob FROM customers WHERE id IN (${s.id}, ${m1.id}) ORDER BY id = ${s.id} DESC`
		);
		expect(back).toEqual([
			{ id: s.id, mergedInto: null, email: 'margaret@example.com', dob: null },
			{ id: m1.id, mergedInto: null, email: 'maggie.h@example.org', dob: '1962-04-09' }
		]);
		const m1Emails = await t.db.all<{ email: string }>(
			sql`SELECT email FROM customer_emails WHERE customer_id = ${m1.id} ORDER BY email`
		);
		expect(m1Emails.map((e) => e.email)).toEqual(['maggie.h@example.org', 'margaret@example.com']);
		const restored = await t.db.all<{ channel: string; granted: number }>(
			sql`SELECT channel, granted FROM customer_consents WHERE customer_id = ${s.id}`
		);
		expect(restored).toEqual([{ channel: 'email', granted: 1 }]);
		expect((await post(`/api/customers/merges/${merge.id}/undo`, {})).status).toBe(409);
	});

	it('refuses to undo once something depends on the merge, and says what', async () => {
		const { s, m1, orders } = await threeOfOne();
		const res = await post('/api/customers/merges', { survivorId: s.id, mergedIds: [m1.id] });
		const { id } = (await res.json()) as { id: string };
		const other = await createProfile(t.db, { given: 'Someone', family: 'Else' });
		await t.db.run(sql`UPDATE orders SET customer_id = ${other.id} WHERE id = ${orders[1]!.id}`);
		await t.db.run(
			sql`UPDATE customers SET notes = 'called back', version = version + 1 WHERE id = ${s.id}`
		);
		const undo = await post(`/api/customers/merges/${id}/undo`, {});
		expect(undo.status).toBe(409);
		const problem = (await undo.json()) as { type: string; detail: string };
		expect(problem.type).toBe('urn:ordo:problem:merge-undo-blocked');
		expect(problem.detail).toContain('was edited after the merge');
		expect(problem.detail).toContain('moved to another customer since');
		expect(await ordersOf(s.id)).toContain(orders[0]!.id);
	});

	it('refuses a bad merge in words and changes nothing', async () => {
		const { s, m1 } = await threeOfOne();
		const cases: [unknown, number, string][] = [
			[{ survivorId: s.id, mergedIds: [s.id] }, 422, 'mergedIds'],
			[{ survivorId: s.id, mergedIds: [] }, 422, 'mergedIds'],
			[{ survivorId: s.id, mergedIds: [m1.id, m1.id] }, 422, 'only once'],
			[{ survivorId: s.id, mergedIds: ['no-such-customer'] }, 404, 'no-such-customer'],
			[
				{ survivorId: s.id, mergedIds: [m1.id], versions: { [s.id]: 99 } },
				409,
				'changed since you compared'
			],
			[
				{ survivorId: s.id, mergedIds: [m1.id], fields: { givenName: 'elsewhere' } },
				422,
				'fields.givenName'
			],
			[
				{ survivorId: s.id, mergedIds: [m1.id], primaryEmail: 'nobody@example.com' },
				422,
				'primaryEmail'
			]
		];
		for (const [body, status, words] of cases) {
			const res = await post('/api/customers/merges', body);
			expect(res.status, JSON.stringify(body)).toBe(status);
			expect(await res.text()).toContain(words);
		}
		expect(
			await t.db.all(sql`SELECT 1 FROM customers WHERE merged_into IS NOT NULL AND id = ${m1.id}`)
		).toEqual([]);
		expect((await post('/api/customers/merges/no-such-merge/undo', {})).status).toBe(404);
	});
});
