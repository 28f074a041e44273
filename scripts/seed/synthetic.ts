import type { Client, InValue } from '@libsql/client';
import type { Faker } from '@faker-js/faker';
import { syntheticBarcode } from './barcodes';
import { LEVEL_COLUMNS, MOVEMENT_COLUMNS, PRODUCT_COLUMNS } from './columns';
import { seededFaker } from './random';
import { sequentialIds } from './sequential-ids';
import { insertStatements, runInBatches } from './sql-chunks';
import { OPENING_STOCK_REFERENCE, type SeedLocation } from './stock';

// 10,000 products a batch: 20 product, 40 level and up to 40 movement statements, a few
// MB of parameters. Larger batches save little and hold the write lock longer.
const PRODUCTS_PER_BATCH = 10_000;
// Its own random stream: the demo shop's stream has already used this seed's values.
const SYNTHETIC_STREAM = 1;
// The ids' timestamp: fixed, so the same seed gives the same ids (the day after the data).
const ID_TIME = Date.UTC(2010, 11, 24);

export const syntheticSku = (n: number) => `SYN-${String(n).padStart(7, '0')}`;

type Generators = { faker: Faker; productId: () => string; movementId: () => string };
type Options = { client: Client; count: number; locations: readonly SeedLocation[]; now: number };

function batchStatements(
	gen: Generators,
	from: number,
	to: number,
	locations: readonly SeedLocation[],
	now: number
) {
	const { faker } = gen;
	const products: InValue[][] = [];
	const levels: InValue[][] = [];
	const movements: InValue[][] = [];
	for (let n = from; n < to; n++) {
		const id = gen.productId();
		const price = faker.number.int({ min: 50, max: 9_999 });
		const name = faker.commerce.productName();
		products.push([
			id,
			syntheticSku(n),
			syntheticBarcode(n),
			name,
			price,
			'GBP',
			faker.number.int(40),
			faker.number.int(500),
			now,
			now
		]);
		for (const [i, location] of locations.entries()) {
			// One in twenty out of stock at each place; the warehouse holds ten times the shop.
			const onHand =
				faker.number.int(19) === 0 ? 0 : faker.number.int({ min: 1, max: i === 0 ? 200 : 20 });
			levels.push([id, location.id, onHand, 0, now]);
			if (onHand > 0) {
				const reference = OPENING_STOCK_REFERENCE;
				movements.push([
					gen.movementId(),
					id,
					location.id,
					'receipt',
					onHand,
					0,
					'Opening stock',
					reference,
					now
				]);
			}
		}
	}
	return [
		...insertStatements('products', PRODUCT_COLUMNS, products),
		...insertStatements('stock_levels', LEVEL_COLUMNS, levels),
		...insertStatements('stock_movements', MOVEMENT_COLUMNS, movements)
	];
}

/**
 * Adds `count` invented products (benchmarks at 10k–1M) with stock at every location and
 * the receipts that explain it. Each batch is its own transaction, so memory stays flat;
 * a failure part-way leaves whole batches, and `seed --force` starts again.
 */
export async function seedSynthetic({ client, count, locations, now }: Options): Promise<number> {
	const gen: Generators = {
		faker: seededFaker(undefined, SYNTHETIC_STREAM),
		productId: sequentialIds(ID_TIME, 1),
		movementId: sequentialIds(ID_TIME, 2)
	};
	for (let from = 1; from <= count; from += PRODUCTS_PER_BATCH) {
		const to = Math.min(count + 1, from + PRODUCTS_PER_BATCH);
		await runInBatches(client, batchStatements(gen, from, to, locations, now), Infinity);
	}
	return Math.max(count, 0);
}
