import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { shipmentLines, shipments } from '../../db/schema/fulfilment';
import { orderLines, orders } from '../../db/schema/orders';
import { payments } from '../../db/schema/payments';
import { returnLines, returns, type ReturnLineStatus } from '../../db/schema/returns';
import { receive, reserve, ship, type BatchItems } from '../../worker/features/inventory/ledger';
import { createCustomer, createLocation, createProduct } from './factories';

// Returns start from an order the customer has: paid (a captured sandbox payment, or
// several for split payments), shipped and usually delivered. Written straight to the
// database the way placing, paying and shipping leave it, so each returns test (API,
// workerd, Playwright seed) begins from the same, real rows.

export type DeliveredLine = {
	productId?: string;
	sku?: string;
	/** A fixed name: faker's random names can match a journey's product search. */
	name?: string;
	category?: string | null;
	barcode?: string | null;
	quantity: number;
	/** Price per unit (minor units); net paid is quantity × price − discount. */
	priceMinor?: number;
	discountMinor?: number;
	/** Units shipped (default: all). */
	shipped?: number;
};

export type DeliveredOrder = {
	id: string;
	number: string;
	customerId: string;
	locationId: string;
	products: { id: string; sku: string; barcode: string | null; name: string }[];
	paymentIds: string[];
	totalMinor: number;
};

const DAY = 86_400_000;

export async function createDeliveredOrder(
	db: Db,
	{
		lines,
		locationId,
		customerId,
		country = 'GB',
		placedAt = Date.now() - 10 * DAY,
		shippedAt = placedAt + DAY,
		deliveredAt = placedAt + 3 * DAY,
		shippingMinor = 0,
		/** Captured payments; by default one for the whole total. Amounts must sum to it. */
		paymentsMinor
	}: {
		lines: DeliveredLine[];
		locationId?: string;
		customerId?: string;
		country?: string;
		placedAt?: number;
		shippedAt?: number | null;
		/** null: shipped but no delivery scan (the policy falls back to the shipment date). */
		deliveredAt?: number | null;
		shippingMinor?: number;
		paymentsMinor?: number[];
	}
): Promise<DeliveredOrder> {
	const location = locationId ?? (await createLocation(db)).id;
	const customer = customerId ?? (await createCustomer(db)).id;
	const id = crypto.randomUUID();
	const number = `ORD-T${crypto.randomUUID().slice(0, 8).toUpperCase()}`;
	const products: DeliveredOrder['products'] = [];
	for (const l of lines) {
		if (l.productId) {
			const [p] = await db.all<{ id: string; sku: string; barcode: string | null; name: string }>(
				sql`SELECT id, sku, barcode, name FROM products WHERE id = ${l.productId}`
			);
			products.push(p!);
		} else
			products.push(
				await createProduct(db, {
					...(l.sku ? { sku: l.sku } : {}),
					...(l.name ? { name: l.name } : {}),
					...(l.priceMinor !== undefined ? { priceMinor: l.priceMinor } : {}),
					category: l.category ?? null,
					barcode: l.barcode ?? `50${String(Math.floor(Math.random() * 1e11)).padStart(11, '0')}`
				})
			);
	}
	const priced = lines.map((l, i) => {
		const unit = l.priceMinor ?? 1000;
		const discount = l.discountMinor ?? 0;
		return { ...l, unit, discount, net: l.quantity * unit - discount, product: products[i]! };
	});
	const subtotal = priced.reduce((n, l) => n + l.quantity * l.unit, 0);
	const discount = priced.reduce((n, l) => n + l.discount, 0);
	const total = subtotal - discount + shippingMinor;
	const split = paymentsMinor ?? [total];
	if (split.reduce((a, b) => a + b, 0) !== total)
		throw new Error(`payments ${split.join('+')} do not sum to the total ${total}`);
	const paymentIds = split.map(() => crypto.randomUUID());
	const shipmentId = crypto.randomUUID();
	const delivered = deliveredAt !== null;
	const at = Date.now();
	const writes: BatchItems = [
		db.insert(orders).values({
			id,
			number,
			customerId: customer,
			status: delivered ? 'delivered' : 'shipped',
			paymentStatus: 'paid',
			fulfilmentStatus: 'fulfilled',
			channel: 'phone',
			subtotalMinor: subtotal,
			discountMinor: discount,
			shippingMinor,
			totalMinor: total,
			placedAt,
			shippingAddress: {
				name: 'Ada Lovelace',
				line1: '12 Analytical Row',
				city: country === 'GB' ? 'London' : 'Amsterdam',
				postcode: country === 'GB' ? 'N1 9GU' : '1012 AB',
				country
			}
		}),
		...priced.flatMap((l, i) => [
			...receive(db, {
				productId: l.product.id,
				locationId: location,
				quantity: l.quantity + 5,
				reason: 'test receipt',
				at
			}),
			...reserve(db, {
				productId: l.product.id,
				locationId: location,
				quantity: l.shipped ?? l.quantity,
				reason: `order ${number}`,
				reference: number,
				at
			}),
			...ship(db, {
				productId: l.product.id,
				locationId: location,
				quantity: l.shipped ?? l.quantity,
				reason: `order ${number}`,
				reference: number,
				at
			}),
			db.insert(orderLines).values({
				orderId: id,
				line: i + 1,
				productId: l.product.id,
				locationId: location,
				sku: l.product.sku,
				name: l.product.name,
				quantity: l.quantity,
				unitPriceMinor: l.unit,
				discountMinor: l.discount,
				netMinor: l.net,
				quantityShipped: l.shipped ?? l.quantity
			})
		]),
		...(shippingMinor > 0
			? [
					db.insert(orderLines).values({
						orderId: id,
						line: priced.length + 1,
						kind: 'shipping' as const,
						sku: 'SHIPPING',
						name: 'Standard delivery',
						quantity: 1,
						unitPriceMinor: shippingMinor,
						netMinor: shippingMinor
					})
				]
			: []),
		...split.map((amount, i) =>
			db.insert(payments).values({
				id: paymentIds[i]!,
				orderId: id,
				provider: 'sandbox' as const,
				providerRef: `cs_test_${crypto.randomUUID()}`,
				paymentIntentRef: `pi_test_${crypto.randomUUID()}`,
				amountMinor: amount,
				status: 'succeeded' as const,
				capturedMinor: amount,
				createdAt: placedAt + i
			})
		),
		db.insert(shipments).values({
			id: shipmentId,
			orderId: id,
			locationId: location,
			status: delivered ? 'delivered' : 'shipped',
			carrier: 'DPD',
			trackingNumber: `T${number}`,
			packedAt: shippedAt ?? placedAt,
			shippedAt: shippedAt ?? placedAt,
			deliveredAt: deliveredAt ?? null
		}),
		db.insert(shipmentLines).values(
			priced.map((l, i) => ({
				shipmentId,
				orderId: id,
				line: i + 1,
				quantity: l.shipped ?? l.quantity,
				pickedQuantity: l.shipped ?? l.quantity
			}))
		)
	];
	await db.batch(writes);
	return {
		id,
		number,
		customerId: customer,
		locationId: location,
		products,
		paymentIds,
		totalMinor: total
	};
}

/**
 * A return written as authorising leaves it (no policy decision stored): for the tests of
 * what comes after (receiving, inspection, money) without going through authorisation.
 */
export async function insertReturn(
	db: Db,
	order: DeliveredOrder,
	{
		lines,
		status = 'authorised',
		kind = 'return',
		expiresAt = Date.now() + 30 * DAY
	}: {
		lines: {
			orderLine: number;
			quantity: number;
			status?: ReturnLineStatus;
			refundMinor?: number;
			reasonCode?: string;
		}[];
		status?: 'requested' | 'authorised';
		kind?: 'return' | 'claim';
		expiresAt?: number;
	}
): Promise<{ id: string; number: string }> {
	const id = crypto.randomUUID();
	const number = `RET-T${crypto.randomUUID().slice(0, 8).toUpperCase()}`;
	const orderRows = await db.all<{
		line: number;
		sku: string;
		product_id: string;
		net_minor: number;
		quantity: number;
	}>(
		sql`SELECT line, sku, product_id, net_minor, quantity FROM order_lines WHERE order_id = ${order.id}`
	);
	await db.batch([
		db.insert(returns).values({
			id,
			number,
			kind,
			orderId: order.id,
			customerId: order.customerId,
			channel: 'phone',
			status,
			authorisedAt: status === 'authorised' ? Date.now() : null,
			expiresAt
		}),
		db.insert(returnLines).values(
			lines.map((l, i) => {
				const ol = orderRows.find((r) => r.line === l.orderLine)!;
				return {
					returnId: id,
					line: i + 1,
					orderId: order.id,
					orderLine: l.orderLine,
					productId: ol.product_id,
					sku: ol.sku,
					quantity: l.quantity,
					status: l.status ?? status,
					reasonCode: l.reasonCode ?? 'no_longer_needed',
					refundMinor: l.refundMinor ?? Math.round((ol.net_minor * l.quantity) / ol.quantity)
				};
			})
		)
	]);
	return { id, number };
}
