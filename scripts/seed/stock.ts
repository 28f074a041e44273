import type { Faker } from '@faker-js/faker';
import type { SeedProduct } from './products';

export type SeedLocation = { id: string; code: string; name: string };
export type Reservation = { productId: string; quantity: number; orderNumber: string };
export type SeedLevel = { productId: string; locationId: string; onHand: number; reserved: number };
export type SeedMovement = {
	id: string;
	productId: string;
	locationId: string;
	kind: 'receipt' | 'reservation';
	onHandDelta: number;
	reservedDelta: number;
	reason: string;
	reference: string;
};

export const OPENING_STOCK_REFERENCE = 'SEED-OPENING';

export function buildLocations(faker: Faker): SeedLocation[] {
	return [
		{ id: faker.string.uuid(), code: 'MAIN', name: 'Main warehouse' },
		{ id: faker.string.uuid(), code: 'SHOP', name: 'High Street shop' }
	];
}

// The warehouse holds what sells: a few weeks' sales on top of the reorder point, with a
// slice out of stock and a slice under the reorder point so low-stock alerts have work.
function warehouseStock(p: SeedProduct, faker: Faker): number {
	const roll = faker.number.float({ min: 0, max: 1 });
	if (roll < 0.04) return 0;
	if (roll < 0.1) return Math.floor(p.reorderPoint * faker.number.float({ min: 0.1, max: 0.9 }));
	return (
		p.reorderPoint +
		Math.round(p.unitsSold * faker.number.float({ min: 0.3, max: 2 })) +
		faker.number.int(24)
	);
}

// The shop keeps a handful on display of what it sells, and a quarter of the range not at all.
function shopStock(p: SeedProduct, faker: Faker): number {
	if (p.unitsSold === 0 || faker.number.float({ min: 0, max: 1 }) < 0.25) return 0;
	return faker.number.int({ min: 1, max: 12 });
}

/**
 * A level per product and location, and the ledger that explains it: one receipt of the
 * opening stock, then one reservation per open order line. Sums of the deltas equal the
 * levels, and the warehouse holds at least what its orders reserve.
 */
export function buildStock(
	products: readonly SeedProduct[],
	[main, shop]: readonly SeedLocation[],
	reservations: readonly Reservation[],
	faker: Faker
): { levels: SeedLevel[]; movements: SeedMovement[] } {
	const reservedBy = new Map<string, number>();
	for (const r of reservations)
		reservedBy.set(r.productId, (reservedBy.get(r.productId) ?? 0) + r.quantity);
	const levels: SeedLevel[] = [];
	const movements: SeedMovement[] = [];
	const receipt = (productId: string, locationId: string, onHand: number) => {
		if (onHand > 0)
			movements.push({
				id: faker.string.uuid(),
				productId,
				locationId,
				kind: 'receipt',
				onHandDelta: onHand,
				reservedDelta: 0,
				reason: 'Opening stock',
				reference: OPENING_STOCK_REFERENCE
			});
	};
	for (const p of products) {
		const reserved = reservedBy.get(p.id) ?? 0;
		const mainOnHand = Math.max(warehouseStock(p, faker), reserved);
		const shopOnHand = shopStock(p, faker);
		levels.push({ productId: p.id, locationId: main!.id, onHand: mainOnHand, reserved });
		levels.push({ productId: p.id, locationId: shop!.id, onHand: shopOnHand, reserved: 0 });
		receipt(p.id, main!.id, mainOnHand);
		receipt(p.id, shop!.id, shopOnHand);
	}
	for (const r of reservations) {
		movements.push({
			id: faker.string.uuid(),
			productId: r.productId,
			locationId: main!.id,
			kind: 'reservation',
			onHandDelta: 0,
			reservedDelta: r.quantity,
			reason: 'Reserved for order',
			reference: r.orderNumber
		});
	}
	return { levels, movements };
}
