import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	adjust,
	release,
	reserve,
	restock,
	ship,
	transfer,
	type BatchItems
} from '../../worker/features/inventory/ledger';
import { createLocation, createProduct, receiveStock } from '../support/factories';
import { createTestDb, type TestDb } from '../support/test-db';

// The ledger builders other features compose into their own batch: every one moves the
// level and appends the movement together, and the level's CHECKs refuse a bad move so
// that the caller's whole batch changes nothing.
let t: TestDb;
let productId: string;
let main: string;
let shop: string;

beforeAll(async () => {
	t = await createTestDb();
	productId = (await createProduct(t.db)).id;
	main = (await createLocation(t.db)).id;
	shop = (await createLocation(t.db)).id;
	await receiveStock(t.db, { productId, locationId: main, onHand: 10 });
});

const at = Date.now();
const run = (items: BatchItems) => t.db.batch(items);

async function level(locationId: string) {
	const rows = await t.db.all<{ on_hand: number; reserved: number }>(
		sql`SELECT on_hand, reserved FROM stock_levels WHERE product_id = ${productId} AND location_id = ${locationId}`
	);
	return rows[0] ?? null;
}

async function ledgerMatchesLevels() {
	const rows = await t.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM stock_levels l
		WHERE l.on_hand <> (SELECT COALESCE(SUM(on_hand_delta), 0) FROM stock_movements m WHERE m.product_id = l.product_id AND m.location_id = l.location_id)
		OR l.reserved <> (SELECT COALESCE(SUM(reserved_delta), 0) FROM stock_movements m WHERE m.product_id = l.product_id AND m.location_id = l.location_id)`);
	return rows[0]!.n === 0;
}

describe('inventory ledger builders', () => {
	it('reserve, ship, release and restock move the level and append the movement', async () => {
		await run(reserve(t.db, { productId, locationId: main, quantity: 4, reason: 'order', at }));
		expect(await level(main)).toEqual({ on_hand: 10, reserved: 4 });
		await run(ship(t.db, { productId, locationId: main, quantity: 1, reason: 'shipment', at }));
		expect(await level(main)).toEqual({ on_hand: 9, reserved: 3 });
		await run(release(t.db, { productId, locationId: main, quantity: 1, reason: 'cancel', at }));
		expect(await level(main)).toEqual({ on_hand: 9, reserved: 2 });
		await run(restock(t.db, { productId, locationId: main, quantity: 1, reason: 'return', at }));
		expect(await level(main)).toEqual({ on_hand: 10, reserved: 2 });
		expect(await ledgerMatchesLevels()).toBe(true);
	});

	it('refuses a reservation beyond what is available, and the whole batch with it', async () => {
		const before = await level(main);
		await expect(
			run([
				...reserve(t.db, { productId, locationId: main, quantity: 1, reason: 'ok', at }),
				...reserve(t.db, { productId, locationId: main, quantity: 8, reason: 'too many', at })
			])
		).rejects.toThrow(/stock_levels_on_hand_covers_reserved/);
		expect(await level(main)).toEqual(before);
		expect(await ledgerMatchesLevels()).toBe(true);
	});

	it('refuses to reserve where there is no stock at all (no level row), instead of changing nothing', async () => {
		const elsewhere = (await createLocation(t.db)).id;
		await expect(
			run(reserve(t.db, { productId, locationId: elsewhere, quantity: 1, reason: 'x', at }))
		).rejects.toThrow(/stock_levels_on_hand_covers_reserved/);
		expect(await level(elsewhere)).toBeNull();
	});

	it('refuses to release or ship more than is reserved', async () => {
		await expect(
			run(release(t.db, { productId, locationId: main, quantity: 3, reason: 'x', at }))
		).rejects.toThrow(/stock_levels_reserved_nonnegative/);
		await expect(
			run(ship(t.db, { productId, locationId: main, quantity: 3, reason: 'x', at }))
		).rejects.toThrow(/stock_levels_reserved_nonnegative/);
	});

	it('transfers between locations, refusing to move reserved units', async () => {
		await run(
			transfer(t.db, {
				productId,
				fromLocationId: main,
				toLocationId: shop,
				quantity: 5,
				reason: 'to the shop',
				at
			})
		);
		expect(await level(main)).toEqual({ on_hand: 5, reserved: 2 });
		expect(await level(shop)).toEqual({ on_hand: 5, reserved: 0 });
		await expect(
			run(
				transfer(t.db, {
					productId,
					fromLocationId: main,
					toLocationId: shop,
					quantity: 4,
					reason: 'too many',
					at
				})
			)
		).rejects.toThrow(/stock_levels_on_hand_covers_reserved/);
		expect(await level(shop)).toEqual({ on_hand: 5, reserved: 0 });
		await run(adjust(t.db, { productId, locationId: shop, delta: -2, reason: 'broken', at }));
		expect(await level(shop)).toEqual({ on_hand: 3, reserved: 0 });
		expect(await ledgerMatchesLevels()).toBe(true);
	});

	it('refuses nonsense quantities before anything reaches the database', () => {
		expect(() =>
			reserve(t.db, { productId, locationId: main, quantity: 0, reason: 'x', at })
		).toThrow(RangeError);
		expect(() =>
			adjust(t.db, { productId, locationId: main, delta: 1.5, reason: 'x', at })
		).toThrow(RangeError);
	});
});
