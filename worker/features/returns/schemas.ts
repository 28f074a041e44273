import * as v from 'valibot';
import {
	RETURN_LINE_STATUSES,
	RETURN_SHIPMENT_STATUSES,
	RETURN_STATUSES
} from '../../../db/schema/returns';
import { freeText } from '../../core/free-text';

// The rep's side of returns (issue 11): policy, reasons, preview, authorise, read, move lines.

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const Version = v.pipe(v.number(), v.integer(), v.minValue(1));
const ReasonCode = v.pipe(
	v.string(),
	v.regex(/^[a-z][a-z0-9_]{0,39}$/, 'Use a reason code: lower-case letters, digits and _')
);
const Quantity = v.pipe(
	v.number('Use a number of units'),
	v.integer('Use whole units'),
	v.minValue(1, 'Ask for at least one unit'),
	v.maxValue(10_000, 'Ask for at most 10000 units')
);

export const ReturnParams = v.object({ id: Id });
export const ReturnLineParams = v.object({
	id: Id,
	line: v.pipe(v.string(), v.regex(/^\d{1,4}$/, 'Use a line number'), v.toNumber())
});
export const ReasonParams = v.object({ code: ReasonCode });

// ---- Policy ----
export const PutReturnPolicy = v.object({
	/** The policy document (worker/features/returns/policy/document.ts checks it). */
	document: v.unknown(),
	note: v.optional(v.nullable(freeText(200))),
	/** The version the manager edited; a newer one since is a 409. */
	version: v.optional(Version)
});
export type PutReturnPolicy = v.InferOutput<typeof PutReturnPolicy>;

export const ReturnPolicyView = v.object({
	version: v.number(),
	/** True while no manager has saved a policy: version 1 is the built-in default. */
	isDefault: v.boolean(),
	document: v.record(v.string(), v.unknown()),
	note: v.nullable(v.string()),
	createdAt: v.nullable(v.string()),
	createdBy: v.nullable(v.string())
});
export type ReturnPolicyView = v.InferOutput<typeof ReturnPolicyView>;

// ---- Reasons ----
const Flags = {
	defective: v.optional(v.boolean()),
	damagedOnArrival: v.optional(v.boolean()),
	shopFault: v.optional(v.boolean()),
	claimOnly: v.optional(v.boolean()),
	sortOrder: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000)))
};
export const CreateReason = v.object({
	code: ReasonCode,
	label: freeText(80, 1),
	parentCode: v.optional(v.nullable(ReasonCode)),
	...Flags
});
export type CreateReason = v.InferOutput<typeof CreateReason>;
export const UpdateReason = v.object({
	label: v.optional(freeText(80, 1)),
	/** Deactivate (never delete: past returns name it). */
	active: v.optional(v.boolean()),
	...Flags
});
export type UpdateReason = v.InferOutput<typeof UpdateReason>;

export type ReturnReasonNode = {
	code: string;
	parentCode: string | null;
	label: string;
	defective: boolean;
	damagedOnArrival: boolean;
	shopFault: boolean;
	claimOnly: boolean;
	active: boolean;
	sortOrder: number;
	children: ReturnReasonNode[];
};
const ReasonFields = {
	code: v.string(),
	parentCode: v.nullable(v.string()),
	label: v.string(),
	defective: v.boolean(),
	damagedOnArrival: v.boolean(),
	shopFault: v.boolean(),
	claimOnly: v.boolean(),
	active: v.boolean(),
	sortOrder: v.number()
};
export const ReturnReason = v.object(ReasonFields);
export type ReturnReason = v.InferOutput<typeof ReturnReason>;
const ReasonNode: v.GenericSchema<ReturnReasonNode> = v.object({
	...ReasonFields,
	children: v.array(v.lazy(() => ReasonNode))
});
export const ReasonTree = v.object({ items: v.array(ReasonNode) });
export type ReasonTree = v.InferOutput<typeof ReasonTree>;

// ---- Preview and authorise ----
export const RequestedLine = v.object({
	orderId: Id,
	orderLine: v.pipe(v.number(), v.integer(), v.minValue(1)),
	quantity: Quantity,
	reasonCode: ReasonCode,
	note: v.optional(v.nullable(freeText(500))),
	/** The customer says a sealed item was unsealed after delivery: for a product the shop
	 *  marked as sealed hygiene goods or media, the law then does not require the return. */
	unsealed: v.optional(v.boolean())
});
export type RequestedLine = v.InferOutput<typeof RequestedLine>;

export const PreviewReturn = v.object({
	lines: v.pipe(
		v.array(RequestedLine),
		v.minLength(1, 'Pick at least one line to return'),
		v.maxLength(100, 'At most 100 lines in one return')
	)
});
export type PreviewReturn = v.InferOutput<typeof PreviewReturn>;

export const CreateReturn = v.object({
	...PreviewReturn.entries,
	notes: v.optional(v.nullable(freeText(1000, 0, { multiLine: true })))
});
export type CreateReturn = v.InferOutput<typeof CreateReturn>;

export const LinePreview = v.object({
	orderId: v.string(),
	orderNumber: v.string(),
	orderLine: v.number(),
	sku: v.string(),
	name: v.string(),
	quantity: v.number(),
	shipped: v.number(),
	/** Shipped minus what lines that still count ask for (open requests included). */
	returnable: v.number(),
	reasonCode: v.string(),
	eligible: v.boolean(),
	/** Why this line cannot go ahead as asked (quantity, unknown reason), in words; null when it can. */
	problem: v.nullable(v.string()),
	decidedBy: v.picklist(['policy', 'law', 'none']),
	explanation: v.array(v.string()),
	feeMinor: v.number(),
	refundMinor: v.number(),
	customerPaysReturnShipping: v.boolean(),
	outcomes: v.array(v.string())
});
export type LinePreview = v.InferOutput<typeof LinePreview>;

export const OrderPreview = v.object({
	orderId: v.string(),
	orderNumber: v.string(),
	currency: v.string(),
	feeMinor: v.number(),
	linesRefundMinor: v.number(),
	shippingRefundMinor: v.number(),
	totalRefundMinor: v.number(),
	customerPaysReturnShipping: v.boolean(),
	explanation: v.array(v.string())
});
export const ReturnPreview = v.object({
	policyVersion: v.number(),
	customerId: v.nullable(v.string()),
	currency: v.string(),
	lines: v.array(LinePreview),
	orders: v.array(OrderPreview),
	totalRefundMinor: v.number(),
	/** True when every line can be authorised as asked. */
	canAuthorise: v.boolean()
});
export type ReturnPreview = v.InferOutput<typeof ReturnPreview>;

export const ReturnStatus = v.picklist(RETURN_STATUSES);
export const ReturnSummary = v.object({
	id: v.string(),
	number: v.string(),
	kind: v.string(),
	status: ReturnStatus,
	orderId: v.nullable(v.string()),
	orderNumber: v.nullable(v.string()),
	customerId: v.nullable(v.string()),
	customerName: v.nullable(v.string()),
	currency: v.string(),
	lines: v.number(),
	units: v.number(),
	/** Sum of the lines' refunds (the estimate until money is sent). */
	refundMinor: v.number(),
	policyVersion: v.nullable(v.number()),
	expiresAt: v.nullable(v.string()),
	createdAt: v.string(),
	version: v.number()
});
export type ReturnSummary = v.InferOutput<typeof ReturnSummary>;
export const CreatedReturns = v.object({ items: v.array(ReturnSummary) });
export type CreatedReturns = v.InferOutput<typeof CreatedReturns>;

export const ListReturns = v.object({
	/** A return number (RET-…) or an order number (ORD-…). */
	q: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(40))),
	status: v.optional(v.picklist(RETURN_STATUSES, 'Use one of the return statuses')),
	customerId: v.optional(Id),
	orderId: v.optional(Id),
	cursor: v.optional(
		v.pipe(v.string(), v.regex(/^\d{1,15}~[\w-]{1,64}$/, 'Use the nextCursor of a page'))
	),
	limit: v.optional(
		v.pipe(v.string(), v.toNumber(), v.integer(), v.minValue(1), v.maxValue(100)),
		'50'
	)
});
export type ListReturns = v.InferOutput<typeof ListReturns>;
export const ReturnPage = v.object({
	items: v.array(ReturnSummary),
	nextCursor: v.nullable(v.string())
});
export type ReturnPage = v.InferOutput<typeof ReturnPage>;

export const ReturnLineView = v.object({
	line: v.number(),
	orderId: v.nullable(v.string()),
	orderLine: v.nullable(v.number()),
	productId: v.nullable(v.string()),
	sku: v.string(),
	name: v.nullable(v.string()),
	quantity: v.number(),
	quantityReceived: v.number(),
	quantityInspected: v.number(),
	status: v.picklist(RETURN_LINE_STATUSES),
	reasonCode: v.nullable(v.string()),
	reasonLabel: v.nullable(v.string()),
	reason: v.nullable(v.string()),
	note: v.nullable(v.string()),
	outcome: v.nullable(v.string()),
	decision: v.nullable(v.record(v.string(), v.unknown())),
	feeMinor: v.number(),
	refundMinor: v.number(),
	replacementOrderLine: v.nullable(v.number())
});
export const ReturnShipmentView = v.object({
	id: v.string(),
	carrier: v.nullable(v.string()),
	trackingNumber: v.nullable(v.string()),
	status: v.picklist(RETURN_SHIPMENT_STATUSES),
	paidBy: v.picklist(['shop', 'customer']),
	version: v.number(),
	createdAt: v.string()
});
export const ReturnDetail = v.object({
	...ReturnSummary.entries,
	channel: v.string(),
	reviewReason: v.nullable(v.string()),
	notes: v.nullable(v.string()),
	shippingRefundMinor: v.number(),
	authorisedAt: v.nullable(v.string()),
	resolvedAt: v.nullable(v.string()),
	order: v.nullable(
		v.object({
			id: v.string(),
			number: v.string(),
			status: v.string(),
			placedAt: v.string(),
			shippingAddress: v.nullable(v.record(v.string(), v.unknown()))
		})
	),
	customer: v.nullable(
		v.object({
			id: v.string(),
			number: v.string(),
			name: v.string(),
			email: v.nullable(v.string())
		})
	),
	lines: v.array(ReturnLineView),
	shipments: v.array(ReturnShipmentView),
	notifications: v.array(
		v.object({
			id: v.string(),
			template: v.string(),
			channel: v.string(),
			subject: v.string(),
			body: v.string(),
			status: v.string(),
			/** ui: shown here only (nothing left Ordo); webhook: the shop's email/SMS gateway. */
			sentVia: v.nullable(v.string()),
			attempts: v.number(),
			/** Why the last try failed, in Ordo's words (a failed message also stays pending
			 *  while it is retried with backoff). */
			lastError: v.nullable(v.string()),
			createdAt: v.string()
		})
	),
	timeline: v.array(
		v.object({
			id: v.string(),
			at: v.string(),
			actorLabel: v.string(),
			kind: v.string(),
			summary: v.string()
		})
	)
});
export type ReturnDetail = v.InferOutput<typeof ReturnDetail>;

// ---- Line actions and the parcel ----
export const CancelLine = v.object({
	reason: v.optional(v.nullable(freeText(200))),
	version: v.optional(Version)
});
export type CancelLine = v.InferOutput<typeof CancelLine>;
export const RejectLine = v.object({
	reason: freeText(200, 1),
	version: v.optional(Version)
});
export type RejectLine = v.InferOutput<typeof RejectLine>;

export const UpdateShipment = v.object({
	carrier: v.optional(v.nullable(freeText(60))),
	trackingNumber: v.optional(
		v.nullable(v.pipe(v.string(), v.trim(), v.regex(/^[\w-]{0,60}$/, 'Use letters, digits and -')))
	),
	status: v.optional(
		v.picklist(RETURN_SHIPMENT_STATUSES, 'Use label_created, in_transit, delivered or lost')
	),
	version: v.optional(Version)
});
export type UpdateShipment = v.InferOutput<typeof UpdateShipment>;

// ---- From a SKU when the order cannot be found (held for review) ----
export const CreateHeldReturn = v.object({
	customerId: v.optional(v.nullable(Id)),
	sku: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(64), v.toUpperCase()),
	quantity: Quantity,
	reasonCode: v.optional(v.nullable(ReasonCode)),
	note: freeText(500, 1)
});
export type CreateHeldReturn = v.InferOutput<typeof CreateHeldReturn>;

export const MatchHeldReturn = v.object({
	orderId: Id,
	orderLine: v.pipe(v.number(), v.integer(), v.minValue(1)),
	reasonCode: ReasonCode,
	version: v.optional(Version)
});
export type MatchHeldReturn = v.InferOutput<typeof MatchHeldReturn>;
