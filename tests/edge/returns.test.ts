// Authorising a return inside workerd over libSQL HTTP: the policy engine's decision, the
// RET- number from the counter, the lines, parcel and notification in one batch; the
// database trigger still refuses a line beyond what was shipped (counting open requests).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../support/test-api';
import { createDeliveredOrder } from '../support/returns-factory';
import { shopApi, type EdgeApi } from './edge-api';

let t: EdgeApi;
let rep: Session;
beforeAll(async () => {
	t = await shopApi();
	rep = await t.signIn('support');
});
afterAll(() => t.client.close());

describe('a return in workerd', () => {
	it('is authorised, read back, and a second one for the same units is refused', async () => {
		const order = await createDeliveredOrder(t.db, { lines: [{ quantity: 1, priceMinor: 1800 }] });
		const lines = [{ orderId: order.id, orderLine: 1, quantity: 1, reasonCode: 'too_large' }];
		const created = await t.request('/api/returns', {
			method: 'POST',
			session: rep,
			json: { lines }
		});
		expect(created.status).toBe(201);
		const { items } = await created.json();
		expect(items[0].number).toMatch(/^RET-\d+$/);
		const detail = await (await t.request(`/api/returns/${items[0].id}`, { session: rep })).json();
		expect(detail).toMatchObject({ status: 'authorised', refundMinor: 1800 });
		expect(detail.lines[0].decision.explanation.length).toBeGreaterThan(0);
		expect(detail.notifications).toHaveLength(1);
		const again = await t.request('/api/returns', {
			method: 'POST',
			session: rep,
			json: { lines }
		});
		expect(again.status).toBe(409);
		expect((await again.json()).detail).toMatch(/only 0 units can still come back/);
	});
});
