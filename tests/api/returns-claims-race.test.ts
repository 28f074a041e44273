import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createDeliveredOrder, insertReturn } from '../support/returns-factory';
import { createTestApi, type Session, type TestApi } from '../support/test-api';

// A return authorised between the claim's snapshot and its batch: the snapshot says the
// units are free, the database (return_exceeds_shipped) knows better. The claim is
// refused whole, in the same words as the snapshot's own check.
const stale = vi.hoisted(() => ({ hide: false }));
vi.mock('../../worker/features/returns/claims/snapshot', async (original) => {
	const real = await original<typeof import('../../worker/features/returns/claims/snapshot')>();
	return {
		...real,
		readClaimFacts: async (...args: Parameters<typeof real.readClaimFacts>) => {
			const facts = await real.readClaimFacts(...args);
			if (stale.hide) facts.lines = facts.lines.map((l) => ({ ...l, taken: 0 }));
			return facts;
		}
	};
});

let t: TestApi;
let support: Session;
beforeAll(async () => {
	t = await createTestApi();
	support = await t.signIn('support');
});

describe('a claim racing a return', () => {
	it('is refused by the database with the claim’s own 409, and writes nothing', async () => {
		const order = await createDeliveredOrder(t.db, { lines: [{ quantity: 2 }] });
		await insertReturn(t.db, order, { lines: [{ orderLine: 1, quantity: 2 }] });
		stale.hide = true;
		const res = await t.request('/api/claims', {
			method: 'POST',
			session: support,
			json: {
				orderId: order.id,
				kind: 'damaged',
				lines: [{ orderLine: 1, quantity: 1 }],
				resolution: 'refund'
			}
		});
		stale.hide = false;
		expect(res.status).toBe(409);
		expect((await res.json()).type).toBe('urn:ordo:problem:claim-exceeds-shipped');
		const [row] = await t.db.all<{ claims: number; refunds: number }>(
			sql`SELECT (SELECT count(*) FROM returns WHERE order_id = ${order.id} AND kind = 'claim') AS claims,
				(SELECT count(*) FROM refunds WHERE order_id = ${order.id}) AS refunds`
		);
		expect(row).toEqual({ claims: 0, refunds: 0 });
	});
});
