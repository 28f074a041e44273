import * as v from 'valibot';
import { freeText } from '../../core/free-text';

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const Units = v.pipe(v.number(), v.integer('Use a whole number of units'), v.minValue(1));

export const PickListQuery = v.object({
	locationId: Id,
	/** The previous page's `nextCursor`: oldest orders first, then by id. */
	after: v.optional(v.pipe(v.string(), v.regex(/^\d+\.[\w-]{1,64}$/, 'Use the nextCursor given'))),
	limit: v.optional(
		v.pipe(v.string(), v.toNumber(), v.integer(), v.minValue(1), v.maxValue(100)),
		'25'
	)
});
export type PickListQuery = v.InferOutput<typeof PickListQuery>;

export const PickListLine = v.object({
	line: v.number(),
	sku: v.string(),
	name: v.string(),
	barcode: v.nullable(v.string()),
	bin: v.nullable(v.string()),
	/** Units still to pick for this line at this location (in no open shipment). */
	outstanding: v.number()
});

export const PickListOrder = v.object({
	orderId: v.string(),
	number: v.string(),
	status: v.string(),
	version: v.number(),
	placedAt: v.string(),
	/** The shipment already being picked for this order here, to resume it. */
	pickingShipmentId: v.nullable(v.string()),
	lines: v.array(PickListLine)
});
export type PickListOrder = v.InferOutput<typeof PickListOrder>;

export const PickList = v.object({
	items: v.array(PickListOrder),
	nextCursor: v.nullable(v.string())
});
export type PickList = v.InferOutput<typeof PickList>;

export const OrderParams = v.object({ orderId: Id });
export const ShipmentParams = v.object({ id: Id });

export const StartPicking = v.object({
	locationId: Id,
	/** The order version the picker saw; a moved order is a 409. */
	expectedVersion: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
	/** Only these lines and units (what is on the shelf); all outstanding ones by default. */
	lines: v.optional(
		v.pipe(
			v.array(v.object({ line: v.pipe(v.number(), v.integer()), quantity: Units })),
			v.minLength(1)
		)
	)
});
export type StartPicking = v.InferOutput<typeof StartPicking>;

export const PickItem = v.object({
	/** What the scanner read: a barcode or a SKU. */
	code: v.pipe(v.string(), v.trim(), v.minLength(1, 'Scan or type a code'), v.maxLength(64)),
	quantity: v.optional(v.pipe(Units, v.maxValue(1000)), 1),
	/** When the phone scanned it (the outbox may send it later). */
	deviceTime: v.optional(v.pipe(v.string(), v.isoTimestamp('Use an ISO 8601 time with zone')))
});
export type PickItem = v.InferOutput<typeof PickItem>;

export const PackShipment = v.object({
	/** Pack what is picked and leave the rest for a later shipment. */
	partial: v.optional(v.boolean(), false),
	expectedVersion: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)))
});
export type PackShipment = v.InferOutput<typeof PackShipment>;

export const ShipShipment = v.object({
	carrier: freeText(60, 1),
	trackingNumber: v.pipe(
		v.string(),
		v.trim(),
		v.minLength(1, 'Enter the tracking number'),
		v.maxLength(60),
		v.regex(/^[\w .\-/]+$/, 'Letters, digits, spaces, dots, dashes and slashes only')
	),
	expectedVersion: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)))
});
export type ShipShipment = v.InferOutput<typeof ShipShipment>;

export const DeliverShipment = v.object({
	expectedVersion: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)))
});
export type DeliverShipment = v.InferOutput<typeof DeliverShipment>;

export const ShipmentLine = v.object({
	line: v.number(),
	productId: v.nullable(v.string()),
	sku: v.string(),
	name: v.string(),
	barcode: v.nullable(v.string()),
	bin: v.nullable(v.string()),
	quantity: v.number(),
	pickedQuantity: v.number()
});
export type ShipmentLine = v.InferOutput<typeof ShipmentLine>;

export const Shipment = v.object({
	id: v.string(),
	orderId: v.string(),
	orderNumber: v.string(),
	orderStatus: v.string(),
	orderVersion: v.number(),
	fulfilmentStatus: v.string(),
	locationId: v.string(),
	locationName: v.string(),
	status: v.string(),
	version: v.number(),
	carrier: v.nullable(v.string()),
	trackingNumber: v.nullable(v.string()),
	createdAt: v.string(),
	packedAt: v.nullable(v.string()),
	shippedAt: v.nullable(v.string()),
	/** The order's shipping address, for the packing slip. */
	shipTo: v.nullable(v.record(v.string(), v.unknown())),
	customerName: v.nullable(v.string()),
	lines: v.array(ShipmentLine)
});
export type Shipment = v.InferOutput<typeof Shipment>;

/** A pick's answer: the shipment after it, and which line the scan counted for. */
export const PickResult = v.object({
	picked: v.object({ line: v.number(), sku: v.string(), name: v.string(), quantity: v.number() }),
	shipment: Shipment
});
export type PickResult = v.InferOutput<typeof PickResult>;

export const Locations = v.object({
	items: v.array(v.object({ id: v.string(), code: v.string(), name: v.string() }))
});
export type Locations = v.InferOutput<typeof Locations>;
