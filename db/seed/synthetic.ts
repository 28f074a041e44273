import type { InValue } from '@libsql/client';
import type { Client } from '@libsql/client';
import { syntheticBarcode } from './barcodes';
import { seededFaker } from './random';
import { insertStatements, runInBatches } from './sql-chunks';
import type { SeedLocation } from './stock';

// 10,000 products a batch: 20 product, 40 level and up to 40 movement statements, a few
// MB of parameters. Larger batches save little and hold a write lock longer.
const PRODUCTS_PER_BATCH = 10_000;

export const syntheticSku = (n: number) => `SYN-${String(n).padStart(7, '0')}`;

type Options = { client: Client; count: number; locations: readonly SeedLocation[]; now: number };

function batchRows(
	faker: ReturnType<typeof seededFaker>,
	from: number,
	to: number,
	locations: readonly SeedLocation[],
	now: number
) {
	const products: InValue[][] = [];
	const levels: InValue[][] = [];
	const movements: InValue[][] = [];
	for (let n = from; n < to; n++) {
		const id = faker.string.uuid();
		const name = faker.commerce.productName();
		const price = faker.number.int({ min: 50, max: 9_999 });
		products.push([
			id,
			syntheticSku(n),
			syntheticBarcode(n),
			name,
			price,
			'GBP',
			faker.number.int(40),
			now,
			now
		]);
		for (const [i, location] of locations.entries()) {
			// One in twenty out of stock at each place; the warehouse holds ten times the shop.
			const onHand =
				faker.number.int(20) === 0 ? 0 : faker.number.int({ min: 1, max: i === 0 ? 200 : 20 });
			levels.push([id, location.id, onHand, 0, now]);
			if (onHand > 0) {
				movements.push([
					faker.string.uuid(),
					id,
					location.id,
					'receipt',
					onHand,
					0,
					'Opening stock',
					'SEED-OPENING',
					now
				]);
			}
		}
	}
	return [
		...insertStatements(
			'products',
			[
				'id',
				'sku',
				'barcode',
				'name',
				'price_minor',
				'currency',
				'reorder_point',
				'created_at',
				'updated_at'
			],
			products
		),
		...insertStatements(
			'stock_levels',
			['product_id', 'location_id', 'on_hand', 'reserved', 'updated_at'],
			levels
		),
		...insertStatements(
			'stock_movements',
			[
				'id',
				'product_id',
				'location_id',
				'kind',
				'on_hand_delta',
				'reserved_delta',
				'reason',
				'reference',
				'created_at'
			],
			movements
		)
	];
}

/**
 * Adds `count` invented products (for benchmarks at 10k–1M) with stock at every location
 * and the receipts that explain it. Each batch is its own transaction, so memory stays flat.
 */
export async function seedSynthetic({ client, count, locations, now }: Options): Promise<number> {
	const faker = seededFaker();
	for (let from = 1; from <= count; from += PRODUCTS_PER_BATCH) {
		const to = Math.min(count + 1, from + PRODUCTS_PER_BATCH);
		await runInBatches(client, batchRows(faker, from, to, locations, now), Infinity);
	}
	return Math.max(count, 0);
}
