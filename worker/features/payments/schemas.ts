import * as v from 'valibot';
import { freeText } from '../../core/free-text';

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));

export const OrderParams = v.object({ id: Id });
export const RefundParams = v.object({ id: Id });
export const ProviderParams = v.object({ provider: v.picklist(['stripe', 'sandbox']) });

export const CreatePaymentLink = v.object({
	// Stripe Checkout takes 30 minutes to 24 hours.
	expiresInMinutes: v.optional(
		v.pipe(
			v.number(),
			v.integer(),
			v.minValue(30, 'At least 30 minutes'),
			v.maxValue(1440, 'At most 24 hours')
		),
		60
	)
});
export type CreatePaymentLink = v.InferOutput<typeof CreatePaymentLink>;

export const PaymentLink = v.object({
	paymentId: v.string(),
	url: v.string(),
	expiresAt: v.number(),
	amountMinor: v.number(),
	currency: v.string()
});
export type PaymentLink = v.InferOutput<typeof PaymentLink>;

export const RefundOrder = v.object({
	amountMinor: v.pipe(
		v.number(),
		v.integer('Use minor units (cents)'),
		v.minValue(1, 'Refund at least 1'),
		v.maxValue(1_000_000_000)
	),
	reason: freeText(200, 1)
});
export type RefundOrder = v.InferOutput<typeof RefundOrder>;

export const ManualRefund = v.object({
	/** How the money went back, for whoever reads the timeline (no card numbers: free-text guard). */
	note: freeText(300, 3)
});
export type ManualRefund = v.InferOutput<typeof ManualRefund>;

export const Refund = v.object({
	id: v.string(),
	paymentId: v.string(),
	orderId: v.string(),
	amountMinor: v.number(),
	status: v.picklist(['pending', 'succeeded', 'failed', 'manual']),
	reason: v.string(),
	failureReason: v.nullable(v.string())
});
export type Refund = v.InferOutput<typeof Refund>;

export const WebhookReceipt = v.object({
	received: v.literal(true),
	duplicate: v.boolean(),
	outcome: v.string()
});
export type WebhookReceipt = v.InferOutput<typeof WebhookReceipt>;

export const PaymentStatus = v.object({
	paymentId: v.string(),
	status: v.string(),
	orderStatus: v.string(),
	paymentStatus: v.string()
});
export type PaymentStatus = v.InferOutput<typeof PaymentStatus>;
