import * as v from 'valibot';
import { freeText } from '../../../core/free-text';

// Claims (issue 11): damaged, defective, wrong or missing items and lost parcels, settled
// by a refund or a replacement with no goods coming back. Stored as a return of kind
// 'claim' whose lines carry the kind as their reason code (return_reasons has each).

export const CLAIM_KINDS = [
	'damaged',
	'defective',
	'wrong_item',
	'missing_item',
	'lost_parcel'
] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];
export const CLAIM_RESOLUTIONS = ['refund', 'replacement'] as const;
export type ClaimResolution = (typeof CLAIM_RESOLUTIONS)[number];

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));

export const ClaimParams = v.object({ id: Id });

export const ClaimLineInput = v.object({
	orderLine: v.pipe(v.number(), v.integer(), v.minValue(1)),
	quantity: v.pipe(v.number(), v.integer('Use a whole number'), v.minValue(1), v.maxValue(10_000))
});

export const FileClaim = v.object({
	/** The order's id or its number (ORD-…). */
	orderId: Id,
	kind: v.picklist(CLAIM_KINDS, 'Use damaged, defective, wrong_item, missing_item or lost_parcel'),
	/** A lost parcel may leave them out: every shipped line not yet returned or claimed. */
	lines: v.optional(v.pipe(v.array(ClaimLineInput), v.maxLength(200))),
	resolution: v.picklist(CLAIM_RESOLUTIONS, 'Use refund or replacement'),
	note: v.optional(v.nullable(freeText(1000, 0, { multiLine: true }))),
	/** Photos already uploaded (return_evidence ids) — attached by receive's evidence route. */
	evidenceIds: v.optional(v.pipe(v.array(Id), v.maxLength(20)))
});
export type FileClaim = v.InferOutput<typeof FileClaim>;

export const ParcelReturned = v.object({
	/** Where the parcel came back to; the order lines' location when absent. */
	locationId: v.optional(Id),
	note: v.optional(v.nullable(freeText(500, 0, { multiLine: true })))
});
export type ParcelReturned = v.InferOutput<typeof ParcelReturned>;

export const ClaimLine = v.object({
	line: v.number(),
	orderLine: v.number(),
	sku: v.string(),
	quantity: v.number(),
	quantityReceived: v.number(),
	status: v.string(),
	reasonCode: v.string(),
	outcome: v.nullable(v.string()),
	refundMinor: v.number(),
	replacementOrderLine: v.nullable(v.number())
});

export const Claim = v.object({
	id: v.string(),
	number: v.string(),
	kind: v.literal('claim'),
	orderId: v.string(),
	orderNumber: v.string(),
	customerId: v.nullable(v.string()),
	status: v.string(),
	currency: v.string(),
	refundMinor: v.number(),
	notes: v.nullable(v.string()),
	createdAt: v.string(),
	resolvedAt: v.nullable(v.string()),
	lines: v.array(ClaimLine),
	/** Pending (then sent) refunds written for it. */
	refunds: v.array(v.object({ id: v.string(), amountMinor: v.number(), status: v.string() })),
	/** Units that came back (a lost parcel found later), in quarantine until inspected. */
	unitsReturned: v.number()
});
export type Claim = v.InferOutput<typeof Claim>;
