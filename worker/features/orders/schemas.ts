import * as v from 'valibot';
import {
	FULFILMENT_STATUSES,
	ORDER_CHANNELS,
	ORDER_STATUSES,
	PAYMENT_STATUSES
} from '../../../db/schema/orders';
import { freeText } from '../../core/free-text';

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const Minor = (max = 100_000_000) =>
	v.pipe(
		v.number(),
		v.integer('Use whole minor units (pence, cents)'),
		v.minValue(0, 'Use 0 or more'),
		v.maxValue(max)
	);
const Version = v.pipe(v.number(), v.integer(), v.minValue(1));

export const Address = v.object({
	name: freeText(120, 1),
	line1: freeText(200, 1),
	line2: v.optional(freeText(200)),
	city: freeText(100, 1),
	postcode: freeText(20),
	country: v.pipe(v.string(), v.regex(/^[A-Z]{2}$/, 'Use the two-letter country code, e.g. GB')),
	phone: v.optional(freeText(40))
});
export type Address = v.InferOutput<typeof Address>;

export const PlaceOrderLine = v.object({
	productId: Id,
	locationId: Id,
	quantity: v.pipe(
		v.number(),
		v.integer('Use a whole number of units'),
		v.minValue(1, 'Order at least 1'),
		v.maxValue(10_000)
	),
	/** Off this line, in minor units. */
	discountMinor: v.optional(Minor())
});

export const PlaceOrder = v.object({
	customerId: v.optional(v.nullable(Id)),
	lines: v.pipe(
		v.array(PlaceOrderLine),
		v.minLength(1, 'Add at least one product'),
		v.maxLength(200, 'Use at most 200 lines')
	),
	shipping: v.optional(v.object({ method: freeText(80, 1), amountMinor: Minor() })),
	/** Off the whole order, shared over the product lines by their value. */
	discountMinor: v.optional(Minor()),
	/** Tax added on each line's discounted value, in basis points (2000 = 20 %). */
	taxRateBps: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000))),
	shippingAddress: v.optional(Address),
	billingAddress: v.optional(Address),
	notes: v.optional(freeText(2000, 0, { multiLine: true })),
	/**
	 * Paid from the customer's store credit in the placing batch (issue 11); at most the
	 * order's total. All of it: the order is paid at once; less: the rest by payment link.
	 */
	storeCreditMinor: v.optional(Minor())
});
export type PlaceOrder = v.InferOutput<typeof PlaceOrder>;

export const OrderParams = v.object({ id: Id });

export const HoldOrder = v.object({
	reason: freeText(500, 1),
	/** The version the person saw; a newer order is refused with 409 order-changed. */
	version: v.optional(Version)
});
export type HoldOrder = v.InferOutput<typeof HoldOrder>;

export const ReleaseHold = v.object({ version: v.optional(Version) });
export type ReleaseHold = v.InferOutput<typeof ReleaseHold>;

export const CancelOrder = v.object({ reason: freeText(500, 1), version: v.optional(Version) });
export type CancelOrder = v.InferOutput<typeof CancelOrder>;

const isoDate = v.pipe(v.string(), v.isoDate('Use a date like 2026-11-29'));

export const ListOrders = v.object({
	/** An order number, or a customer's name (start), email or phone. */
	q: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(100))),
	status: v.optional(v.picklist(ORDER_STATUSES, 'Use one of the order statuses')),
	sku: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(64), v.toUpperCase())),
	customerId: v.optional(Id),
	/** Placed on or after this day (UTC). */
	from: v.optional(isoDate),
	/** Placed on or before this day (UTC). */
	to: v.optional(isoDate),
	cursor: v.optional(
		v.pipe(v.string(), v.regex(/^\d{1,15}~[\w-]{1,64}$/, 'Use the nextCursor of a page'))
	),
	limit: v.optional(
		v.pipe(v.string(), v.toNumber(), v.integer(), v.minValue(1), v.maxValue(100)),
		'25'
	)
});
export type ListOrders = v.InferOutput<typeof ListOrders>;

const Customer = v.nullable(
	v.object({
		id: v.string(),
		number: v.string(),
		name: v.string(),
		email: v.nullable(v.string()),
		phone: v.nullable(v.string())
	})
);

export const OrderSummary = v.object({
	id: v.string(),
	number: v.string(),
	status: v.picklist(ORDER_STATUSES),
	heldFrom: v.nullable(v.picklist(ORDER_STATUSES)),
	version: v.number(),
	channel: v.picklist(ORDER_CHANNELS),
	paymentStatus: v.picklist(PAYMENT_STATUSES),
	fulfilmentStatus: v.picklist(FULFILMENT_STATUSES),
	customer: Customer,
	currency: v.string(),
	subtotalMinor: v.number(),
	discountMinor: v.number(),
	shippingMinor: v.number(),
	taxMinor: v.number(),
	totalMinor: v.number(),
	placedAt: v.string(),
	updatedAt: v.string()
});
export type OrderSummary = v.InferOutput<typeof OrderSummary>;

export const OrderPage = v.object({
	items: v.array(OrderSummary),
	nextCursor: v.nullable(v.string())
});
export type OrderPage = v.InferOutput<typeof OrderPage>;

export const OrderLine = v.object({
	line: v.number(),
	kind: v.picklist(['product', 'shipping']),
	productId: v.nullable(v.string()),
	locationId: v.nullable(v.string()),
	sku: v.string(),
	name: v.string(),
	quantity: v.number(),
	unitPriceMinor: v.number(),
	discountMinor: v.number(),
	taxMinor: v.number(),
	netMinor: v.number(),
	quantityShipped: v.number(),
	quantityReturned: v.number(),
	/** An exchange's replacement (issue 11): the line of this order it replaces. */
	replacesLine: v.optional(v.nullable(v.number()))
});

export const OrderPayment = v.object({
	id: v.string(),
	provider: v.string(),
	status: v.string(),
	amountMinor: v.number(),
	capturedMinor: v.number(),
	refundedMinor: v.number(),
	cardBrand: v.nullable(v.string()),
	cardLast4: v.nullable(v.string()),
	checkoutUrl: v.nullable(v.string()),
	createdAt: v.string()
});

export const OrderShipment = v.object({
	id: v.string(),
	locationId: v.string(),
	status: v.string(),
	carrier: v.nullable(v.string()),
	trackingNumber: v.nullable(v.string()),
	shippedAt: v.nullable(v.string())
});

/** A refund of the order: what the refunds panel lists (failed ones with their reason). */
export const OrderRefund = v.object({
	id: v.string(),
	paymentId: v.string(),
	amountMinor: v.number(),
	status: v.string(),
	reason: v.string(),
	failureReason: v.nullable(v.string()),
	createdAt: v.string()
});

export const TimelineEvent = v.object({
	id: v.string(),
	at: v.string(),
	actorKind: v.string(),
	actorLabel: v.nullable(v.string()),
	entityKind: v.string(),
	entityId: v.string(),
	kind: v.string(),
	summary: v.string()
});

export const OrderDetail = v.object({
	...OrderSummary.entries,
	shippingAddress: v.nullable(v.record(v.string(), v.unknown())),
	billingAddress: v.nullable(v.record(v.string(), v.unknown())),
	notes: v.nullable(v.string()),
	holdReason: v.nullable(v.string()),
	cancelReason: v.nullable(v.string()),
	lines: v.array(OrderLine),
	payments: v.array(OrderPayment),
	shipments: v.array(OrderShipment),
	refunds: v.array(OrderRefund),
	timeline: v.array(TimelineEvent)
});
export type OrderDetail = v.InferOutput<typeof OrderDetail>;
