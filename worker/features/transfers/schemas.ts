import * as v from 'valibot';
import { TRANSFER_STATUSES } from '../../../db/schema/transfers';
import { freeText } from '../../core/free-text';

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const Units = v.pipe(
	v.number(),
	v.integer('Use a whole number of units'),
	v.minValue(1, 'Use at least 1 unit'),
	v.maxValue(1_000_000)
);
const Line = v.object({ productId: Id, quantity: Units });
const Lines = v.pipe(
	v.array(Line),
	v.minLength(1, 'Add at least one product'),
	v.maxLength(500, 'At most 500 lines at a time')
);
/** The version the person saw, when the client has one: a stale one is a 409. */
const SeenVersion = v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)));

export const CreateTransfer = v.pipe(
	v.object({
		fromLocationId: Id,
		toLocationId: Id,
		lines: Lines,
		note: v.optional(freeText(500))
	}),
	v.forward(
		v.check((t) => t.fromLocationId !== t.toLocationId, 'Choose two different locations'),
		['toLocationId']
	)
);
export type CreateTransfer = v.InferOutput<typeof CreateTransfer>;

export const TransferParams = v.object({ id: Id });

export const SendTransfer = v.object({ version: SeenVersion });
export type SendTransfer = v.InferOutput<typeof SendTransfer>;

export const CancelTransfer = v.object({ version: SeenVersion, reason: v.optional(freeText(200)) });
export type CancelTransfer = v.InferOutput<typeof CancelTransfer>;

export const ReceiveTransfer = v.object({
	/** Units that arrived now, per product (added to what was received before). */
	lines: Lines,
	/** When the phone recorded the receipt (it may reach the server later, from the outbox). */
	deviceTime: v.optional(v.pipe(v.string(), v.isoTimestamp('Use an ISO 8601 time with zone')))
});
export type ReceiveTransfer = v.InferOutput<typeof ReceiveTransfer>;

export const ListTransfers = v.object({
	/** One status, or `open` (sent or partially received: what is in transit). */
	status: v.optional(v.picklist([...TRANSFER_STATUSES, 'open'], 'Use a transfer status or open')),
	limit: v.optional(
		v.pipe(v.string(), v.toNumber(), v.integer(), v.minValue(1), v.maxValue(100)),
		'25'
	),
	cursor: v.optional(
		v.pipe(v.string(), v.regex(/^\d{1,15}~[\w-]{1,64}$/, 'Use the nextCursor of a page'))
	)
});
export type ListTransfers = v.InferOutput<typeof ListTransfers>;

const Place = v.object({ id: v.string(), code: v.string(), name: v.string() });
export const LocationList = v.object({ items: v.array(Place) });
export type LocationList = v.InferOutput<typeof LocationList>;
const Who = v.nullable(v.object({ id: v.string(), name: v.string() }));
const When = v.nullable(v.string());

export const TransferLine = v.object({
	productId: v.string(),
	sku: v.string(),
	barcode: v.nullable(v.string()),
	name: v.string(),
	quantitySent: v.number(),
	quantityReceived: v.number(),
	/** Sent and not yet received (0 on a draft or a cancelled transfer). */
	inTransit: v.number()
});

const TransferFacts = {
	id: v.string(),
	number: v.string(),
	status: v.picklist(TRANSFER_STATUSES),
	from: Place,
	to: Place,
	note: v.nullable(v.string()),
	version: v.number(),
	createdBy: Who,
	createdAt: v.string(),
	sentBy: Who,
	sentAt: When,
	receivedBy: Who,
	receivedAt: When,
	cancelledAt: When,
	units: v.object({ sent: v.number(), received: v.number(), inTransit: v.number() })
};

export const Transfer = v.object({ ...TransferFacts, lines: v.array(TransferLine) });
export type Transfer = v.InferOutput<typeof Transfer>;

export const TransferSummary = v.object({ ...TransferFacts, lineCount: v.number() });
export const TransferPage = v.object({
	items: v.array(TransferSummary),
	nextCursor: v.nullable(v.string())
});
export type TransferPage = v.InferOutput<typeof TransferPage>;
