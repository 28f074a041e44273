import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { stockMovements } from '../../db/schema/inventory';
import { createLocation, createProduct } from '../support/factories';
import { createTestApi, type Session, type TestApi } from '../support/test-api';

// The offline outbox sends `Ordo-Queued-By: <user id>` with every item (web/lib/sync/send.ts):
// work queued by one person is applied under their own session or not at all.
let t: TestApi;
let picker: Session;
let other: Session;
let productId: string;
let locationId: string;

beforeAll(async () => {
	t = await createTestApi();
	productId = (await createProduct(t.db)).id;
	locationId = (await createLocation(t.db)).id;
	picker = await t.signIn('warehouse');
	other = await t.signIn('warehouse');
});

const adjust = (session: Session, queuedBy: string, key: string) =>
	t.request('/api/inventory/adjustments', {
		method: 'POST',
		session,
		headers: {
			'idempotency-key': key,
			'ordo-queued-by': queuedBy,
			'ordo-sent-at': new Date().toISOString()
		},
		json: { productId, locationId, delta: 3, reason: 'found' }
	});

const movements = async () =>
	(await t.db.select().from(stockMovements).where(eq(stockMovements.productId, productId))).length;

describe('Ordo-Queued-By', () => {
	it('applies work under the session of the person who queued it', async () => {
		const before = await movements();
		const res = await adjust(picker, picker.user.id, 'queued-1');
		expect(res.status).toBe(201);
		expect(await movements()).toBe(before + 1);
	});

	it("refuses another person's queued work with 403 and changes nothing", async () => {
		const before = await movements();
		const res = await adjust(other, picker.user.id, 'queued-2');
		expect(res.status).toBe(403);
		const problem = await res.json();
		expect(problem.type).toBe('urn:ordo:problem:queued-by-someone-else');
		expect(problem.detail).toMatch(/waits until they sign in/);
		expect(await movements()).toBe(before);
		// The same item, sent later under its own person's session, applies once.
		expect((await adjust(picker, picker.user.id, 'queued-2')).status).toBe(201);
		expect(await movements()).toBe(before + 1);
	});

	it("does not replay one person's stored answer to another with the same key", async () => {
		const before = await movements();
		expect((await adjust(picker, picker.user.id, 'queued-3')).status).toBe(201);
		expect((await adjust(other, other.user.id, 'queued-3')).status).toBe(201);
		expect(await movements()).toBe(before + 2);
	});
});
