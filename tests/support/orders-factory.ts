import { orderLines, orders } from '../../db/schema/orders';
import { payments, refunds } from '../../db/schema/payments';
import type { Db } from '../../db/client';
import { reserve } from '../../worker/features/inventory/ledger';
import { createLocation, createProduct, receiveStock } from './factories';

// Orders written straight to the database, with their reservations through the ledger,
// for tests of features that act on an order (payments, fulfilment) without placing one.

export type TestOrder = {
	id: string;
	number: string;
	productId: string;
	locationId: string;
	quantity: number;
	totalMinor: number;
};

/** A pending_payment order of one product line, its units reserved at a location. */
export async function createPendingOrder(
	db: Db,
	{ quantity = 2, unitPriceMinor = 1250, onHand = 10 } = {}
): Promise<TestOrder> {
	const product = await createProduct(db, { priceMinor: unitPriceMinor });
	const location = await createLocation(db);
	await receiveStock(db, { productId: product.id, locationId: location.id, onHand });
	const id = crypto.randomUUID();
	const number = `ORD-T${crypto.randomUUID().slice(0, 8)}`;
	const totalMinor = quantity * unitPriceMinor;
	const at = Date.now();
	await db.batch([
		db.insert(orders).values({
			id,
			number,
			status: 'pending_payment',
			channel: 'phone',
			currency: 'GBP',
			subtotalMinor: totalMinor,
			totalMinor,
			placedAt: at
		}),
		db.insert(orderLines).values({
			orderId: id,
			line: 1,
			productId: product.id,
			locationId: location.id,
			sku: product.sku,
			name: product.name,
			quantity,
			unitPriceMinor,
			netMinor: totalMinor
		}),
		...reserve(db, {
			productId: product.id,
			locationId: location.id,
			quantity,
			reason: `order ${number}`,
			reference: number,
			at
		})
	]);
	return { id, number, productId: product.id, locationId: location.id, quantity, totalMinor };
}

/** A paid order whose refund the provider refused: what the manual-refund path starts from. */
export async function createFailedRefund(db: Db): Promise<{ orderId: string; refundId: string }> {
	const order = await createPendingOrder(db);
	const paymentId = crypto.randomUUID();
	const refundId = crypto.randomUUID();
	await db.batch([
		db.insert(payments).values({
			id: paymentId,
			orderId: order.id,
			provider: 'sandbox',
			providerRef: `cs_test_${paymentId}`,
			paymentIntentRef: `pi_${paymentId}`,
			amountMinor: order.totalMinor,
			status: 'succeeded',
			capturedMinor: order.totalMinor
		}),
		db.insert(refunds).values({
			id: refundId,
			paymentId,
			orderId: order.id,
			amountMinor: 100,
			reason: 'route check',
			status: 'failed',
			failureReason: 'expired_or_canceled_card',
			idempotencyKey: refundId
		})
	]);
	return { orderId: order.id, refundId };
}
