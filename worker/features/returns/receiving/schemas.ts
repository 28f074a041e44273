import * as v from 'valibot';
import {
	RETURN_LINE_STATUSES,
	RETURN_STATUSES,
	UNIT_DISPOSITIONS,
	UNIT_GRADES
} from '../../../../db/schema/returns';
import { freeText } from '../../../core/free-text';

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const IsoTime = v.pipe(
	v.string(),
	v.maxLength(40),
	v.isoTimestamp('Use an ISO 8601 time with zone, e.g. 2026-11-29T10:15:00.000Z')
);

export const ReturnParams = v.object({ id: Id });
export const UnitParams = v.object({ id: Id, unitId: Id });

/**
 * One scan at the returns bench (one outbox item each, so each scan applies exactly once).
 * `code` is what the scanner read: a barcode or a SKU, kept as typed even when no product
 * has it (nothing scanned is dropped).
 */
export const ReceiveItem = v.object({
	code: v.pipe(v.string(), v.trim(), v.minLength(1, 'Scan or type a code'), v.maxLength(64)),
	quantity: v.optional(
		v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50, 'At most 50 units in one scan')),
		1
	),
	/** When the phone scanned it (corrected on the server by Ordo-Sent-At). */
	deviceTime: IsoTime,
	/** Where it was received; by default where the order was sent from. */
	locationId: v.optional(v.nullable(Id))
});
export type ReceiveItem = v.InferOutput<typeof ReceiveItem>;

export const Receipt = v.object({
	id: v.string(),
	returnId: v.string(),
	returnNumber: v.string(),
	line: v.nullable(v.number()),
	productId: v.nullable(v.string()),
	productName: v.nullable(v.string()),
	code: v.string(),
	quantity: v.number(),
	expected: v.boolean(),
	/** Why it was flagged, in words; null for an expected item. */
	flag: v.nullable(v.string()),
	locationId: v.string(),
	locationName: v.string(),
	deviceTime: v.nullable(v.string()),
	receivedBy: v.nullable(v.string()),
	createdAt: v.string(),
	returnStatus: v.picklist(RETURN_STATUSES)
});
export type Receipt = v.InferOutput<typeof Receipt>;

export const Unit = v.object({
	id: v.string(),
	receiptId: v.string(),
	line: v.nullable(v.number()),
	productId: v.nullable(v.string()),
	productName: v.nullable(v.string()),
	code: v.string(),
	locationId: v.string(),
	locationName: v.string(),
	grade: v.nullable(v.picklist(UNIT_GRADES)),
	disposition: v.nullable(v.picklist(UNIT_DISPOSITIONS)),
	note: v.nullable(v.string()),
	inspectedBy: v.nullable(v.string()),
	inspectedAt: v.nullable(v.string()),
	version: v.number(),
	evidence: v.array(v.string())
});
export type Unit = v.InferOutput<typeof Unit>;

export const ReceivingLine = v.object({
	line: v.number(),
	sku: v.string(),
	productId: v.nullable(v.string()),
	productName: v.nullable(v.string()),
	barcode: v.nullable(v.string()),
	status: v.picklist(RETURN_LINE_STATUSES),
	quantity: v.number(),
	received: v.number(),
	inspected: v.number(),
	refundMinor: v.number(),
	feeMinor: v.number()
});

export const Receiving = v.object({
	id: v.string(),
	number: v.string(),
	status: v.picklist(RETURN_STATUSES),
	version: v.number(),
	lines: v.array(ReceivingLine),
	receipts: v.array(v.omit(Receipt, ['returnStatus', 'returnNumber', 'returnId'])),
	units: v.array(Unit),
	/** "2 of 3 received, 1 unexpected" in numbers. */
	summary: v.object({ expected: v.number(), received: v.number(), unexpected: v.number() })
});
export type Receiving = v.InferOutput<typeof Receiving>;

export const Inspect = v.object({
	grade: v.picklist(UNIT_GRADES, 'Choose new, opened, damaged, defective or empty box'),
	disposition: v.picklist(UNIT_DISPOSITIONS, 'Choose what happens to the item'),
	note: v.optional(v.nullable(freeText(500))),
	/** The unit's version as the inspector saw it (409 when someone else inspected it). */
	version: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)))
});
export type Inspect = v.InferOutput<typeof Inspect>;

export const ExpectedQuery = v.object({ locationId: v.optional(Id) });

/** What a phone keeps for receiving offline: returns on their way, and what is in them. */
export const ExpectedReturns = v.object({
	items: v.array(
		v.object({
			id: v.string(),
			number: v.string(),
			status: v.picklist(RETURN_STATUSES),
			orderNumber: v.nullable(v.string()),
			/** Items received already that were not on the return (flagged for a person). */
			unexpected: v.number(),
			lines: v.array(
				v.object({
					line: v.number(),
					sku: v.string(),
					barcode: v.nullable(v.string()),
					name: v.string(),
					quantity: v.number(),
					received: v.number()
				})
			)
		})
	),
	asOf: v.string()
});
export type ExpectedReturns = v.InferOutput<typeof ExpectedReturns>;

export const ProductParams = v.object({ productId: Id });
export const Quarantine = v.object({ productId: v.string(), units: v.number() });
export type Quarantine = v.InferOutput<typeof Quarantine>;

export const LineParams = v.object({
	id: Id,
	line: v.pipe(v.string(), v.regex(/^\d{1,4}$/, 'Use a line number'), v.toNumber())
});

/**
 * Grade several units of one line alike (issue 11: "6 identical units, one form"). The same
 * grade, disposition and note for `quantity` units still waiting for inspection (all of
 * them when left out), oldest first.
 */
export const InspectLine = v.object({
	grade: Inspect.entries.grade,
	disposition: Inspect.entries.disposition,
	note: Inspect.entries.note,
	quantity: v.optional(
		v.pipe(
			v.number(),
			v.integer('Give a whole number of items'),
			v.minValue(1, 'Grade at least one item'),
			v.maxValue(500, 'Grade at most 500 items at once')
		)
	),
	/** The return's version as the inspector saw it (409 when it changed since). */
	version: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)))
});
export type InspectLine = v.InferOutput<typeof InspectLine>;

export const LineInspection = v.object({
	returnId: v.string(),
	returnStatus: v.picklist(RETURN_STATUSES),
	version: v.number(),
	line: v.number(),
	lineStatus: v.picklist(RETURN_LINE_STATUSES),
	inspected: v.number(),
	units: v.array(
		v.object({
			id: v.string(),
			grade: v.picklist(UNIT_GRADES),
			disposition: v.picklist(UNIT_DISPOSITIONS),
			locationId: v.string(),
			version: v.number(),
			inspectedAt: v.string()
		})
	)
});
export type LineInspection = v.InferOutput<typeof LineInspection>;
