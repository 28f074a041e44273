import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPaidOrder } from '../support/orders-factory-fulfilment';
import { roundTrips, type Session } from '../support/test-api';
import { shopApi, type EdgeApi } from './edge-api';

// Customer search inside workerd over HTTP (Turso's protocol): libphonenumber-js and
// fastest-levenshtein must load in the Worker, and the FTS5 index, its vocabulary and the
// triggers that keep it must work through the remote client too. The shop database is
// shared between edge files, so the names carry a suffix of this run's own.
const suffix = crypto.randomUUID().replace(/\d/g, '').slice(0, 6).toLowerCase();
const family = `Quill${suffix}`;
let t: EdgeApi;
let rep: Session;

type Hit = { id: string; name: string; matched?: { field: string; value: string; fuzzy: boolean } };
const find = async (q: string) => {
	const res = await t.request(`/api/customers?q=${encodeURIComponent(q)}`, { session: rep });
	expect(res.status).toBe(200);
	return { res, items: ((await res.json()) as { items: Hit[] }).items };
};

beforeAll(async () => {
	t = await shopApi();
	rep = await t.signIn('support');
	const res = await t.request('/api/customers', {
		method: 'POST',
		session: rep,
		json: {
			givenName: 'Penelope',
			familyName: family,
			emails: [{ email: `Penelope.${family}@Example.test` }],
			phones: [{ phone: '020 7946 0555' }],
			addresses: [{ kind: 'billing', line1: '1 Quay', postalCode: 'ec1a1bb', country: 'GB' }]
		}
	});
	expect(res.status).toBe(201);
});

afterAll(() => t.client.close());

describe('customer search in workerd (happy)', () => {
	it('finds the new customer by name, by a typo, by email and postcode, in one round trip', async () => {
		const { res, items } = await find(family);
		expect(items.map((c) => c.name)).toEqual([`Penelope ${family}`]);
		expect(roundTrips(res).domain).toBe(1);
		const typo = (await find(`${family.slice(0, 2)}${family[3]}${family[2]}${family.slice(4)}`))
			.items;
		expect(typo[0]).toMatchObject({ name: `Penelope ${family}`, matched: { fuzzy: true } });
		expect((await find(`penelope.${family}@example.test`)).items).toHaveLength(1);
		expect((await find('EC1A 1BB')).items.map((c) => c.name)).toContain(`Penelope ${family}`);
	});

	it('finds the phone typed with the country code, normalised in the Worker', async () => {
		const { items } = await find('+44 20 7946 0555');
		expect(items.find((c) => c.name === `Penelope ${family}`)?.matched).toMatchObject({
			field: 'phone',
			value: '020 7946 0555'
		});
	});
});

// Merge and undo through the Worker: one batch over the remote client, orders moved and back.
type Profile = {
	id: string;
	name: string;
	version: number;
	mergedInto: string | null;
	emails: { email: string }[];
	orders: { count: number; recent: { number: string }[] };
};
type Merge = {
	id: string;
	survivorId: string;
	mergedIds: string[];
	moved: { orders: number; emails: number };
	undoneAt: string | null;
};
const create = async (familyName: string, email: string) => {
	const res = await t.request('/api/customers', {
		method: 'POST',
		session: rep,
		json: {
			givenName: 'Horatio',
			familyName,
			emails: [{ email }],
			phones: [{ phone: '020 7946 0777' }]
		}
	});
	expect(res.status).toBe(201);
	return ((await res.json()) as { id: string }).id;
};
const withOrder = async (customerId: string) => {
	const order = await createPaidOrder(t.db, { lines: [{ quantity: 1 }] });
	await t.db.run(sql`UPDATE orders SET customer_id = ${customerId} WHERE id = ${order.id}`);
	return order.number;
};
const profile = async (id: string) => {
	const res = await t.request(`/api/customers/${id}`, { session: rep });
	expect(res.status).toBe(200);
	return (await res.json()) as Profile;
};
const orderNumbers = (p: Profile) => p.orders.recent.map((o) => o.number).sort();

describe('customer merge and undo in workerd (happy)', () => {
	it('proposes the pair, merges it with its orders, resolves the tombstone, and undoes it', async () => {
		const keep = await create(`Vane${suffix}`, `horatio.${suffix}@example.test`);
		const other = await create(`Vaen${suffix}`, `hv.${suffix}@example.test`);
		const keptOrder = await withOrder(keep);
		const movedOrder = await withOrder(other);

		// The incremental finder in the Worker sees both new profiles and pairs them by phone.
		const queue = await t.request(`/api/customers/duplicates?customerId=${keep}`, { session: rep });
		expect(queue.status).toBe(200);
		const pairs = (
			(await queue.json()) as {
				items: { a: { id: string }; b: { id: string }; reasons: string[] }[];
			}
		).items;
		const pair = pairs.find((p) => [p.a.id, p.b.id].includes(other));
		expect(pair?.reasons.join('; ')).toMatch(/same phone/);

		const before = await Promise.all([profile(keep), profile(other)]);
		const merged = await t.request('/api/customers/merges', {
			method: 'POST',
			session: rep,
			json: {
				survivorId: keep,
				mergedIds: [other],
				versions: { [keep]: before[0].version, [other]: before[1].version },
				fields: { familyName: keep }
			}
		});
		expect(merged.status).toBe(201);
		const merge = (await merged.json()) as Merge;
		expect(merge).toMatchObject({
			survivorId: keep,
			mergedIds: [other],
			moved: { orders: 1, emails: 1 }
		});

		const survivor = await profile(keep);
		expect(survivor.orders.count).toBe(2);
		expect(orderNumbers(survivor)).toEqual([keptOrder, movedOrder].sort());
		expect(survivor.emails.map((e) => e.email)).toContain(`hv.${suffix}@example.test`);
		// The merged profile stays as a tombstone pointing at the survivor.
		expect((await profile(other)).mergedInto).toBe(keep);
		expect((await find(`Vaen${suffix}`)).items.map((c) => c.id)).not.toContain(other);

		const undone = await t.request(`/api/customers/merges/${merge.id}/undo`, {
			method: 'POST',
			session: rep
		});
		expect(undone.status).toBe(200);
		expect(((await undone.json()) as Merge).undoneAt).not.toBeNull();
		const [back, restored] = await Promise.all([profile(keep), profile(other)]);
		expect(orderNumbers(back)).toEqual([keptOrder]);
		expect(back.emails.map((e) => e.email)).not.toContain(`hv.${suffix}@example.test`);
		expect(restored.mergedInto).toBeNull();
		expect(orderNumbers(restored)).toEqual([movedOrder]);
		expect(restored.emails.map((e) => e.email)).toEqual([`hv.${suffix}@example.test`]);
	});
});

describe('customer merge undo in workerd (error)', () => {
	it('refuses to undo the same merge twice, saying why, as problem+json', async () => {
		const keep = await create(`Wren${suffix}`, `w1.${suffix}@example.test`);
		const other = await create(`Wren${suffix}`, `w2.${suffix}@example.test`);
		const merged = await t.request('/api/customers/merges', {
			method: 'POST',
			session: rep,
			json: { survivorId: keep, mergedIds: [other] }
		});
		expect(merged.status).toBe(201);
		const { id } = (await merged.json()) as Merge;
		const undo = () =>
			t.request(`/api/customers/merges/${id}/undo`, { method: 'POST', session: rep });
		expect((await undo()).status).toBe(200);
		const again = await undo();
		expect(again.status).toBe(409);
		expect(again.headers.get('content-type')).toContain('application/problem+json');
	});
});
