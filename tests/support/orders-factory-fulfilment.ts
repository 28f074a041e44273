import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { shipmentLines, shipments } from '../../db/schema/fulfilment';
import { stockLevels } from '../../db/schema/inventory';
import { orderLines, orders } from '../../db/schema/orders';
import { receive, reserve, type BatchItems } from '../../worker/features/inventory/ledger';
import { createLocation, createProduct } from './factories';

// Paid orders with reserved lines, written straight to the database the way placing an
// order does (order + lines + ledger reservations in one batch). Fulfilment is built in
// parallel with placeOrder; when that lands, these can call it instead.

export type PaidLine = {
	productId?: string;
	sku?: string;
	/** A fixed name: faker's random names can match a journey's product search. */
	name?: string;
	barcode?: string | null;
	quantity: number;
	bin?: string | null;
	/** Extra units on hand beyond the reservation. */
	spare?: number;
};

export async function createPaidOrder(
	db: Db,
	{
		locationId,
		lines,
		placedAt = Date.now(),
		status = 'paid'
	}: {
		locationId?: string;
		lines: PaidLine[];
		placedAt?: number;
		status?: 'paid' | 'allocated' | 'pending_payment' | 'cancelled';
	}
) {
	const location = locationId ?? (await createLocation(db)).id;
	const id = crypto.randomUUID();
	const number = `ORD-T${crypto.randomUUID().slice(0, 8).toUpperCase()}`;
	const products: {
		id: string;
		sku: string;
		barcode: string | null;
		name: string;
		priceMinor: number;
	}[] = [];
	for (const l of lines) {
		if (l.productId) {
			const [p] = await db.all<{
				id: string;
				sku: string;
				barcode: string | null;
				name: string;
				price_minor: number;
			}>(sql`SELECT id, sku, barcode, name, price_minor FROM products WHERE id = ${l.productId}`);
			products.push({ ...p!, priceMinor: p!.price_minor });
		} else
			products.push(
				await createProduct(db, {
					...(l.sku ? { sku: l.sku } : {}),
					...(l.name ? { name: l.name } : {}),
					barcode: l.barcode ?? `50${String(Math.floor(Math.random() * 1e11)).padStart(11, '0')}`
				})
			);
	}
	const at = Date.now();
	const total = lines.reduce((n, l, i) => n + l.quantity * products[i]!.priceMinor, 0);
	const writes: BatchItems = [
		db.insert(orders).values({
			id,
			number,
			status,
			paymentStatus: status === 'pending_payment' ? 'unpaid' : 'paid',
			channel: 'phone',
			subtotalMinor: total,
			totalMinor: total,
			placedAt,
			shippingAddress: {
				name: 'Ada Lovelace',
				line1: '12 Analytical Row',
				city: 'London',
				postcode: 'N1 9GU',
				country: 'GB'
			}
		}),
		...lines.flatMap((l, i) => {
			const p = products[i]!;
			return [
				...receive(db, {
					productId: p.id,
					locationId: location,
					quantity: l.quantity + (l.spare ?? 0),
					reason: 'test receipt',
					at
				}),
				...reserve(db, {
					productId: p.id,
					locationId: location,
					quantity: l.quantity,
					reason: `order ${number}`,
					reference: number,
					at
				}),
				...(l.bin === undefined
					? []
					: [
							db
								.update(stockLevels)
								.set({ bin: l.bin })
								.where(sql`product_id = ${p.id} AND location_id = ${location}`)
						]),
				db.insert(orderLines).values({
					orderId: id,
					line: i + 1,
					productId: p.id,
					locationId: location,
					sku: p.sku,
					name: p.name,
					quantity: l.quantity,
					unitPriceMinor: p.priceMinor,
					netMinor: l.quantity * p.priceMinor
				})
			];
		})
	];
	await db.batch(writes);
	return { id, number, locationId: location, products };
}

/** A shipment written as the warehouse would have left it (picked units, packed or not). */
export async function insertShipment(
	db: Db,
	{
		orderId,
		locationId,
		status,
		lines
	}: {
		orderId: string;
		locationId: string;
		status: 'picking' | 'packed' | 'shipped';
		lines: { line: number; quantity: number; pickedQuantity: number }[];
	}
): Promise<string> {
	const id = crypto.randomUUID();
	await db.batch([
		db.insert(shipments).values({
			id,
			orderId,
			locationId,
			status,
			packedAt: status === 'picking' ? null : Date.now(),
			...(status === 'shipped'
				? { carrier: 'DPD', trackingNumber: 'T1', shippedAt: Date.now() }
				: {})
		}),
		db.insert(shipmentLines).values(lines.map((l) => ({ shipmentId: id, orderId, ...l }))),
		db
			.update(orders)
			.set({ status: 'picking' })
			.where(sql`id = ${orderId}`)
	]);
	return id;
}

export type FulfilmentFixtures = {
	orderId: string;
	sku: string;
	pickShipmentId: string;
	packShipmentIds: string[];
	shipShipmentIds: string[];
	deliverShipmentIds: string[];
};

/**
 * For the route-table examples, which call each mutation several times (each role, each
 * contract check): one big paid order and enough shipments in each state to go round.
 */
export async function createFulfilmentFixtures(
	db: Db,
	locationId: string
): Promise<FulfilmentFixtures> {
	const order = await createPaidOrder(db, { locationId, lines: [{ quantity: 100, bin: 'A-01' }] });
	const one = [{ line: 1, quantity: 1, pickedQuantity: 1 }];
	const pickShipmentId = await insertShipment(db, {
		orderId: order.id,
		locationId,
		status: 'picking',
		lines: [{ line: 1, quantity: 40, pickedQuantity: 0 }]
	});
	const packShipmentIds: string[] = [];
	const shipShipmentIds: string[] = [];
	const deliverShipmentIds: string[] = [];
	for (let i = 0; i < 8; i++) {
		deliverShipmentIds.push(
			await insertShipment(db, { orderId: order.id, locationId, status: 'shipped', lines: one })
		);
		packShipmentIds.push(
			await insertShipment(db, { orderId: order.id, locationId, status: 'picking', lines: one })
		);
		shipShipmentIds.push(
			await insertShipment(db, { orderId: order.id, locationId, status: 'packed', lines: one })
		);
	}
	return {
		orderId: order.id,
		sku: order.products[0]!.sku,
		pickShipmentId,
		packShipmentIds,
		shipShipmentIds,
		deliverShipmentIds
	};
}

/**
 * Paid orders at the demo shop's MAIN warehouse for the browser journeys. The demo seed
 * writes its orders without a ship-from location (and unpaid), so none of them is on a
 * pick list; until the seed places orders the way placeOrder does, the e2e server adds these.
 */
export async function seedPickableOrders(db: Db, count = 3): Promise<void> {
	const [main] = await db.all<{ id: string }>(sql`SELECT id FROM locations WHERE code = 'MAIN'`);
	if (!main) throw new Error('the demo seed has no MAIN location');
	const products = await db.all<{ id: string }>(
		sql`SELECT id FROM products WHERE barcode IS NOT NULL ORDER BY sku LIMIT ${count * 2}`
	);
	for (let i = 0; i < count; i++) {
		const [a, b] = [products[i * 2]!, products[i * 2 + 1]!];
		await createPaidOrder(db, {
			locationId: main.id,
			lines: [
				{ productId: a.id, quantity: 2, bin: `B-0${i + 1}` },
				{ productId: b.id, quantity: 1, bin: `A-0${i + 1}` }
			]
		});
	}
}
