import { inArray, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { locations, products, stockLevels } from '../../../db/schema/inventory';
import { orderLines, orders, type OrderChannel } from '../../../db/schema/orders';
import type { Ctx } from '../../core/context';
import { Conflict, DomainError, Invalid } from '../../core/errors';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import { reserve } from '../inventory/ledger';
import { summaryOf } from './internal';
import { payWithStoreCredit } from './pay-with-credit';
import { priceOrder } from './pricing';
import type { OrderSummary, PlaceOrder } from './schemas';
import { timelineEvent } from './timeline';
import { emitOrderEvent } from '../webhooks/emit';

// A rep on the phone places 'phone' orders; an integration's API key places 'web' orders.
function channelOf(ctx: Ctx): OrderChannel {
	return ctx.actor?.kind === 'api_key' ? 'web' : 'phone';
}

/** The order number taken in the placing batch: `UPDATE counters` then this read. */
const numberFromCounter = sql`(SELECT 'ORD-' || value FROM counters WHERE name = 'order_number')`;

/**
 * Places an order: decide (prices snapshotted from the products as they are now, the
 * discounts and tax split over the lines), then write in ONE batch: the number, the order,
 * its lines, a reservation per product line (the stock level's CHECK refuses one that
 * would take available below zero, and the whole order with it), the timeline and audit.
 */
export async function placeOrder({
	ctx,
	input
}: {
	ctx: Ctx;
	input: PlaceOrder;
}): Promise<OrderSummary> {
	const { db } = ctx;
	const productIds = [...new Set(input.lines.map((l) => l.productId))];
	const found = await db
		.select({
			id: products.id,
			sku: products.sku,
			name: products.name,
			priceMinor: products.priceMinor,
			currency: products.currency,
			active: products.active
		})
		.from(products)
		.where(inArray(products.id, productIds));
	const byId = new Map(found.map((p) => [p.id, p]));
	const errors: Record<string, string[]> = {};
	input.lines.forEach((l, i) => {
		const p = byId.get(l.productId);
		if (!p) errors[`lines.${i}.productId`] = ['No such product'];
		else if (!p.active) errors[`lines.${i}.productId`] = [`${p.sku} is no longer sold`];
	});
	if (Object.keys(errors).length > 0)
		throw new Invalid('unknown-product', 'Some products cannot be ordered', undefined, errors);
	const currencies = new Set(found.map((p) => p.currency));
	if (currencies.size > 1)
		throw new Invalid(
			'mixed-currencies',
			'All products of an order must be priced in one currency'
		);
	const currency = found[0]!.currency;

	const snapshot = input.lines.map((l) => ({ ...l, product: byId.get(l.productId)! }));
	const priced = priceOrder({
		lines: snapshot.map((l) => ({
			unitPriceMinor: l.product.priceMinor,
			quantity: l.quantity,
			discountMinor: l.discountMinor ?? 0
		})),
		orderDiscountMinor: input.discountMinor ?? 0,
		shippingMinor: input.shipping?.amountMinor ?? 0,
		taxRateBps: input.taxRateBps ?? 0
	});

	const credit = input.storeCreditMinor ?? 0;
	checkCredit(credit, input.customerId ?? null, priced.totalMinor, currency);
	const paidByCredit = credit > 0 && credit === priced.totalMinor;
	const orderId = crypto.randomUUID();
	const reference = sql`(SELECT number FROM orders WHERE id = ${orderId})`;
	const lineRows: (typeof orderLines.$inferInsert)[] = snapshot.map((l, i) => ({
		orderId,
		line: i + 1,
		kind: 'product',
		productId: l.productId,
		locationId: l.locationId,
		sku: l.product.sku,
		name: l.product.name,
		quantity: l.quantity,
		unitPriceMinor: l.product.priceMinor,
		...priced.lines[i]!
	}));
	if (input.shipping)
		lineRows.push({
			orderId,
			line: lineRows.length + 1,
			kind: 'shipping',
			sku: 'SHIPPING',
			name: input.shipping.method,
			quantity: 1,
			unitPriceMinor: input.shipping.amountMinor,
			netMinor: input.shipping.amountMinor
		});
	const reservations: BatchItem<'sqlite'>[] = snapshot.flatMap((l) =>
		reserve(db, {
			productId: l.productId,
			locationId: l.locationId,
			quantity: l.quantity,
			reason: 'order placed',
			reference,
			actorId: ctx.actor?.kind === 'user' ? ctx.actor.id : null,
			at: ctx.now
		})
	);
	const channel = channelOf(ctx);
	const units = input.lines.reduce((n, l) => n + l.quantity, 0);
	try {
		return await mutate<OrderSummary>(ctx, {
			status: 201,
			writes: [
				db.run(sql`UPDATE counters SET value = value + 1 WHERE name = 'order_number'`),
				db.insert(orders).values({
					id: orderId,
					number: numberFromCounter,
					customerId: input.customerId ?? null,
					status: paidByCredit ? 'paid' : 'pending_payment',
					paymentStatus: paidByCredit ? 'paid' : 'unpaid',
					channel,
					currency,
					subtotalMinor: priced.subtotalMinor,
					discountMinor: priced.discountMinor,
					shippingMinor: priced.shippingMinor,
					taxMinor: priced.taxMinor,
					totalMinor: priced.totalMinor,
					shippingAddress: input.shippingAddress ?? null,
					billingAddress: input.billingAddress ?? input.shippingAddress ?? null,
					notes: input.notes || null,
					placedByKind: ctx.actor?.kind ?? 'system',
					placedById: ctx.actor?.id ?? null,
					placedAt: ctx.now,
					createdAt: ctx.now,
					updatedAt: ctx.now
				}),
				db.insert(orderLines).values(lineRows),
				...reservations,
				...(credit > 0
					? payWithStoreCredit(ctx, {
							orderId,
							customerId: input.customerId!,
							currency,
							amountMinor: credit,
							paysAll: paidByCredit
						})
					: []),
				timelineEvent(ctx, {
					entityKind: 'order',
					entityId: orderId,
					orderId,
					customerId: input.customerId ?? null,
					kind: 'order.placed',
					summary: `Order placed by ${channel === 'web' ? 'the web shop' : 'phone'}: ${units} item${units === 1 ? '' : 's'}, ${currency} ${(priced.totalMinor / 100).toFixed(2)}`,
					data: { channel, totalMinor: priced.totalMinor, currency, lines: input.lines.length }
				}),
				emitOrderEvent(ctx, 'order.placed', orderId, { channel }),
				...(paidByCredit ? [emitOrderEvent(ctx, 'order.paid', orderId)] : []),
				auditEntry(ctx, {
					action: 'order.place',
					target: { type: 'order', id: orderId },
					details: {
						channel,
						totalMinor: priced.totalMinor,
						currency,
						lines: lineRows.length,
						...(credit > 0 ? { storeCreditMinor: credit } : {})
					}
				})
			],
			result: summaryOf(orderId)
		});
	} catch (error) {
		if (error instanceof DomainError && error.code === 'insufficient-stock')
			throw await whatIsShort(ctx, snapshot);
		throw error;
	}
}

/** Store credit is the customer's, and pays at most the whole order. */
function checkCredit(
	credit: number,
	customerId: string | null,
	totalMinor: number,
	currency: string
) {
	if (credit === 0) return;
	if (!customerId)
		throw new Invalid(
			'store-credit-needs-customer',
			'Store credit needs a customer',
			'Choose the customer whose credit pays, or take no credit.',
			{ storeCreditMinor: ['Choose a customer first'] }
		);
	if (credit > totalMinor)
		throw new Invalid(
			'store-credit-above-total',
			'More store credit than the order costs',
			`The order comes to ${currency} ${(totalMinor / 100).toFixed(2)}: use that much credit at most.`,
			{ storeCreditMinor: [`At most ${totalMinor}`] }
		);
}

/**
 * After a refused reservation (nothing was written), one read to say which product ran
 * short where, in words a rep can repeat: "Only 2 left of MUG-01 at Main warehouse".
 */
async function whatIsShort(
	ctx: Ctx,
	lines: { productId: string; locationId: string; quantity: number; product: { sku: string } }[]
): Promise<Conflict> {
	const wanted = new Map<
		string,
		{ productId: string; locationId: string; quantity: number; sku: string }
	>();
	for (const l of lines) {
		const key = `${l.productId}|${l.locationId}`;
		const w = wanted.get(key);
		if (w) w.quantity += l.quantity;
		else
			wanted.set(key, {
				productId: l.productId,
				locationId: l.locationId,
				quantity: l.quantity,
				sku: l.product.sku
			});
	}
	const locationIds = [...new Set(lines.map((l) => l.locationId))];
	const productIds = [...new Set(lines.map((l) => l.productId))];
	const [levels, names] = await ctx.db.batch([
		ctx.db
			.select({
				productId: stockLevels.productId,
				locationId: stockLevels.locationId,
				available: sql<number>`${stockLevels.onHand} - ${stockLevels.reserved}`
			})
			.from(stockLevels)
			.where(inArray(stockLevels.productId, productIds)),
		ctx.db
			.select({ id: locations.id, name: locations.name })
			.from(locations)
			.where(inArray(locations.id, locationIds))
	]);
	const available = new Map(levels.map((l) => [`${l.productId}|${l.locationId}`, l.available]));
	const locationName = new Map(names.map((n) => [n.id, n.name]));
	const short = [...wanted.entries()]
		.map(([key, w]) => ({ ...w, left: Math.max(0, available.get(key) ?? 0) }))
		.filter((w) => w.left < w.quantity);
	const words = short.map(
		(s) => `Only ${s.left} left of ${s.sku} at ${locationName.get(s.locationId) ?? 'that location'}`
	);
	return new Conflict(
		'insufficient-stock',
		words[0] ?? 'Not enough stock',
		words.length > 0
			? `${words.join('; ')}. Nothing was ordered or reserved.`
			: 'Someone else took the last units a moment ago. Nothing was ordered or reserved.',
		Object.fromEntries(
			short.map((s) => [
				`lines.${lines.findIndex((l) => l.productId === s.productId && l.locationId === s.locationId)}.quantity`,
				[`Only ${s.left} left at ${locationName.get(s.locationId) ?? 'that location'}`]
			])
		)
	);
}
