import * as v from 'valibot';
import { freeText } from '../../../core/free-text';
import { RESOLVE_OUTCOMES } from './decide';

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const Minor = v.pipe(
	v.number(),
	v.integer('Use minor units (cents)'),
	v.minValue(1, 'At least 1'),
	v.maxValue(1_000_000_000)
);

export const ReturnParams = v.object({ id: Id });
export const CustomerParams = v.object({ id: Id });
export const EntryParams = v.object({ entryId: Id });

export const ResolveReturn = v.object({
	lines: v.optional(
		v.pipe(
			v.array(
				v.object({
					line: v.pipe(v.number(), v.integer(), v.minValue(1)),
					outcome: v.picklist(RESOLVE_OUTCOMES, 'Choose refund, store_credit or keep_item'),
					// Keep-the-item: money back to the payment (default) or as store credit.
					as: v.optional(v.picklist(['refund', 'store_credit'])),
					// An exchange's replacement (default: the same product), by id or SKU.
					exchange: v.optional(
						v.object({
							productId: v.optional(Id),
							sku: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(64))),
							quantity: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)))
						})
					),
					// When the replacement is out of stock: this outcome instead.
					fallback: v.optional(v.picklist(['refund', 'store_credit']))
				})
			),
			v.maxLength(200)
		),
		[]
	),
	goodwill: v.optional(v.object({ amountMinor: Minor, reason: freeText(200, 1) }))
});
export type ResolveReturn = v.InferOutput<typeof ResolveReturn>;

const RefundRow = v.object({
	id: v.string(),
	paymentId: v.string(),
	amountMinor: v.number(),
	kind: v.string(),
	status: v.string(),
	reason: v.string(),
	failureReason: v.nullable(v.string()),
	approvedById: v.nullable(v.string()),
	createdAt: v.number()
});

export const Resolution = v.object({
	id: v.string(),
	number: v.string(),
	status: v.string(),
	version: v.number(),
	currency: v.string(),
	customerId: v.nullable(v.string()),
	orderId: v.nullable(v.string()),
	refundMinor: v.number(),
	shippingRefundMinor: v.number(),
	resolvedAt: v.nullable(v.number()),
	goodwillApprovalMinor: v.number(),
	lines: v.array(
		v.object({
			line: v.number(),
			sku: v.string(),
			quantity: v.number(),
			quantityReceived: v.number(),
			status: v.string(),
			outcome: v.nullable(v.string()),
			refundMinor: v.number(),
			feeMinor: v.number(),
			replacementOrderLine: v.nullable(v.number()),
			decision: v.nullable(v.record(v.string(), v.unknown()))
		})
	),
	payments: v.array(
		v.object({
			id: v.string(),
			capturedMinor: v.number(),
			refundedMinor: v.number(),
			refundingMinor: v.number(),
			cardBrand: v.nullable(v.string()),
			cardLast4: v.nullable(v.string()),
			createdAt: v.number()
		})
	),
	refunds: v.array(RefundRow),
	notifications: v.array(
		v.object({
			id: v.string(),
			template: v.string(),
			subject: v.string(),
			body: v.string(),
			status: v.string(),
			createdAt: v.number()
		})
	),
	storeCreditMinor: v.number(),
	storeCreditBalanceMinor: v.number()
});
export type Resolution = v.InferOutput<typeof Resolution>;

export const STORE_CREDIT_ISSUE_KINDS = ['goodwill', 'return', 'claim'] as const;
// A manager's credit by hand: a goodwill gesture, not a refund, so a sane ceiling (50,000.00)
// catches a slipped digit; more than that goes back as a refund against an order.
export const IssueStoreCredit = v.object({
	amountMinor: v.pipe(
		Minor,
		v.maxValue(5_000_000, 'At most 50,000.00 at once: a larger sum is a refund against an order')
	),
	currency: v.optional(
		v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, 'A 3-letter currency code')),
		'GBP'
	),
	note: freeText(200, 1)
});
export type IssueStoreCredit = v.InferOutput<typeof IssueStoreCredit>;

export const ReverseStoreCredit = v.object({ note: freeText(200, 1) });
export type ReverseStoreCredit = v.InferOutput<typeof ReverseStoreCredit>;

const Entry = v.object({
	id: v.string(),
	customerId: v.string(),
	currency: v.string(),
	amountMinor: v.number(),
	kind: v.string(),
	returnId: v.nullable(v.string()),
	orderId: v.nullable(v.string()),
	reversesId: v.nullable(v.string()),
	reversedBy: v.nullable(v.string()),
	note: v.nullable(v.string()),
	createdAt: v.number()
});
export const StoreCredit = v.object({
	customerId: v.string(),
	balances: v.array(v.object({ currency: v.string(), balanceMinor: v.number() })),
	entries: v.array(Entry)
});
export type StoreCredit = v.InferOutput<typeof StoreCredit>;
export const StoreCreditEntry = Entry;

export const OVERRIDE_RULE_NAMES = [
	'window',
	'final_sale',
	'condition',
	'missing_item',
	'abuse_flag',
	'fee',
	'goodwill'
] as const;
export const CreateOverride = v.object({
	line: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
	rule: v.picklist(OVERRIDE_RULE_NAMES, 'Name the rule overridden'),
	reason: freeText(500, 3),
	// What the manager decides instead (the new decision's fields: outcomes, refundMinor…).
	after: v.optional(
		v.object({
			outcomes: v.optional(
				v.array(v.picklist(['refund', 'store_credit', 'exchange', 'keep_item']))
			),
			refundMinor: v.optional(
				v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000_000))
			),
			keepItemAllowed: v.optional(v.boolean())
		}),
		{}
	)
});
export type CreateOverride = v.InferOutput<typeof CreateOverride>;

const OverrideRow = v.object({
	id: v.string(),
	line: v.nullable(v.number()),
	rule: v.string(),
	reason: v.string(),
	before: v.nullable(v.record(v.string(), v.unknown())),
	after: v.nullable(v.record(v.string(), v.unknown())),
	managerId: v.string(),
	managerName: v.nullable(v.string()),
	createdAt: v.number()
});
export const Overrides = v.object({ returnId: v.string(), overrides: v.array(OverrideRow) });
export type Overrides = v.InferOutput<typeof Overrides>;
