import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
