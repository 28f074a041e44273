import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProduct } from '../support/factories';
import { createTestApi, roundTrips, type Session, type TestApi } from '../support/test-api';

// Setting suppliers up (the /suppliers pages): add one, give it items with the existing PUT,
// then read it back with its items in one round trip. docs/architecture.md "Reordering".
let t: TestApi;
let manager: Session;
let warehouse: Session;

beforeAll(async () => {
	t = await createTestApi();
	manager = await t.signIn('manager');
	warehouse = await t.signIn('warehouse');
});
afterAll(() => t.client.close());

describe('GET /api/purchasing/suppliers/:id', () => {
	it('returns the supplier with its items by SKU, in one round trip', async () => {
		const created = await t.request('/api/purchasing/suppliers', {
			method: 'POST',
			session: manager,
			json: { name: 'Wick & Wax Ltd', email: 'orders@wickwax.test', leadTimeDays: 6 }
		});
		expect(created.status, await created.clone().text()).toBe(201);
		const supplier = (await created.json()) as { id: string };
		const jar = await createProduct(t.db, { sku: 'SUP-JAR', name: 'Amber jar' });
		const lid = await createProduct(t.db, { sku: 'SUP-LID', name: 'Tin lid' });
		for (const [product, code, packSize, unitCostMinor] of [
			[lid, 'TL-9', 12, 35],
			[jar, 'AJ-1', 6, 120]
		] as const) {
			const res = await t.request(`/api/purchasing/suppliers/${supplier.id}/items/${product.id}`, {
				method: 'PUT',
				session: manager,
				json: { supplierCode: code, packSize, unitCostMinor }
			});
			expect(res.status, await res.clone().text()).toBe(200);
		}

		const res = await t.request(`/api/purchasing/suppliers/${supplier.id}`, { session: manager });
		expect(res.status, await res.clone().text()).toBe(200);
		expect(await res.json()).toEqual({
			id: supplier.id,
			name: 'Wick & Wax Ltd',
			email: 'orders@wickwax.test',
			leadTimeDays: 6,
			currency: 'GBP',
			items: 2,
			lines: [
				{
					productId: jar.id,
					sku: 'SUP-JAR',
					name: 'Amber jar',
					supplierCode: 'AJ-1',
					packSize: 6,
					unitCostMinor: 120,
					lastPaidUnitCostMinor: null
				},
				{
					productId: lid.id,
					sku: 'SUP-LID',
					name: 'Tin lid',
					supplierCode: 'TL-9',
					packSize: 12,
					unitCostMinor: 35,
					lastPaidUnitCostMinor: null
				}
			]
		});
		expect(roundTrips(res).domain).toBe(1);
	});

	it('a supplier with no items has an empty list', async () => {
		const created = await t.request('/api/purchasing/suppliers', {
			method: 'POST',
			session: manager,
			json: { name: 'Empty Shelf Co', leadTimeDays: 0 }
		});
		const { id } = (await created.json()) as { id: string };
		const res = await t.request(`/api/purchasing/suppliers/${id}`, { session: manager });
		expect(await res.json()).toMatchObject({ id, items: 0, lines: [] });
	});

	it('an unknown supplier is a 404 problem; warehouse staff may not read suppliers', async () => {
		const missing = await t.request(`/api/purchasing/suppliers/${crypto.randomUUID()}`, {
			session: manager
		});
		expect(missing.status).toBe(404);
		expect(missing.headers.get('content-type')).toMatch(/problem\+json/);
		expect((await missing.json()).type).toBe('urn:ordo:problem:supplier-not-found');
		const forbidden = await t.request(`/api/purchasing/suppliers/${crypto.randomUUID()}`, {
			session: warehouse
		});
		expect(forbidden.status).toBe(403);
	});
});
