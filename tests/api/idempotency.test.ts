import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { stockMovements } from '../../db/schema/inventory';
import { createLocation, createProduct } from '../support/factories';
import { createTestApi, type Session, type TestApi } from '../support/test-api';

let t: TestApi;
let warehouse: Session;
let productId: string;
let locationId: string;

beforeAll(async () => {
	t = await createTestApi();
	productId = (await createProduct(t.db)).id;
	locationId = (await createLocation(t.db)).id;
	warehouse = await t.signIn('warehouse');
});

const adjust = (key: string | null, delta = 2, session = warehouse) =>
	t.request('/api/inventory/adjustments', {
		method: 'POST',
		session,
		headers: key ? { 'idempotency-key': key } : {},
		json: { productId, locationId, delta, reason: 'cycle count' }
	});

const movements = async () =>
	(await t.db.select().from(stockMovements).where(eq(stockMovements.productId, productId))).length;

describe('Idempotency-Key', () => {
	it('replays the first result for a retry and applies the change once', async () => {
		const before = await movements();
		const first = await adjust('retry-1');
		const again = await adjust('retry-1');
		expect(first.status).toBe(201);
		expect(again.status).toBe(201);
		expect(again.headers.get('idempotent-replayed')).toBe('true');
		expect(await again.json()).toEqual(await first.json());
		expect(await movements()).toBe(before + 1);
	});

	it('refuses the same key with a different body (422) and changes nothing', async () => {
		await adjust('reuse-1', 2);
		const before = await movements();
		const res = await adjust('reuse-1', 3);
		expect(res.status).toBe(422);
		expect((await res.json()).type).toBe('urn:ordo:problem:idempotency-key-reused');
		expect(await movements()).toBe(before);
	});

	it('applies each request without a key', async () => {
		const before = await movements();
		await adjust(null);
		await adjust(null);
		expect(await movements()).toBe(before + 2);
	});

	it('applies racing requests with one key exactly once', async () => {
		const before = await movements();
		const results = await Promise.all([adjust('race-1'), adjust('race-1'), adjust('race-1')]);
		for (const res of results) expect([201, 409]).toContain(res.status);
		expect(await movements()).toBe(before + 1);
	});

	it('keeps keys apart between people', async () => {
		const other = await t.signIn('warehouse');
		const before = await movements();
		await adjust('shared-key', 2, warehouse);
		const res = await adjust('shared-key', 2, other);
		expect(res.headers.get('idempotent-replayed')).toBeNull();
		expect(await movements()).toBe(before + 2);
	});

	it('refuses a malformed key', async () => {
		const res = await adjust('x'.repeat(256));
		expect(res.status).toBe(400);
	});
});
