import { Hono } from 'hono';
import type { AppEnv } from '../../core/context';
import { getCtx } from '../../core/context';
import { doc } from '../../core/doc';
import { BadRequest, NotFound } from '../../core/errors';
import { input } from '../../core/input';
import { permit } from '../../core/permit';
import { paymentProvider } from './configure';
import { createPaymentLink } from './create-payment-link';
import { markRefundManual } from './mark-refund-manual';
import { receiveWebhook } from './receive-webhook';
import { refreshPayment } from './refresh-payment';
import { refundPayment } from './refund-payment';
import {
	CreatePaymentLink,
	ManualRefund,
	OrderParams,
	PaymentLink,
	ProviderParams,
	Refund,
	RefundOrder,
	RefundParams,
	WebhookReceipt
} from './schemas';

const tags = ['payments'];

// Mounted at /api: its paths sit under /orders/:id (the order's payment) and /payments.
export const paymentsRoutes = new Hono<AppEnv>()
	.post(
		'/orders/:id/payment-link',
		permit('orders.write'),
		doc({
			summary: 'Send a hosted payment link for what the order owes',
			tags,
			status: 201,
			response: PaymentLink
		}),
		input('param', OrderParams),
		input('json', CreatePaymentLink),
		async (c) => {
			const link = await createPaymentLink({
				ctx: getCtx(c),
				provider: paymentProvider(c.env),
				orderId: c.req.valid('param').id,
				origin: new URL(c.req.url).origin,
				input: c.req.valid('json')
			});
			return c.json(link, 201);
		}
	)
	.post(
		'/orders/:id/payment/refresh',
		permit('orders.write'),
		doc({
			summary: "Read the payment's status from the provider and apply it",
			tags,
			response: WebhookReceipt
		}),
		input('param', OrderParams),
		async (c) =>
			c.json(
				await refreshPayment({
					ctx: getCtx(c),
					provider: paymentProvider(c.env),
					orderId: c.req.valid('param').id
				})
			)
	)
	.post(
		'/orders/:id/refunds',
		permit('payments.refund'),
		doc({
			summary: 'Refund part or all of what was captured',
			tags,
			status: 201,
			response: Refund
		}),
		input('param', OrderParams),
		input('json', RefundOrder),
		async (c) => {
			const refund = await refundPayment({
				ctx: getCtx(c),
				provider: paymentProvider(c.env),
				orderId: c.req.valid('param').id,
				input: c.req.valid('json')
			});
			return c.json(refund, 201);
		}
	)
	.post(
		'/refunds/:id/manual',
		permit('payments.refund'),
		doc({ summary: 'Record a failed refund as done by hand', tags, response: Refund }),
		input('param', RefundParams),
		input('json', ManualRefund),
		async (c) =>
			c.json(
				await markRefundManual({
					ctx: getCtx(c),
					refundId: c.req.valid('param').id,
					input: c.req.valid('json')
				})
			)
	)
	.post(
		'/payments/webhooks/:provider',
		// The provider calls without a session: the signature is the credential.
		permit('public'),
		doc({ summary: "The payment provider's signed events", tags, response: WebhookReceipt }),
		input('param', ProviderParams),
		async (c) => {
			const provider = paymentProvider(c.env);
			if (provider.name !== c.req.valid('param').provider)
				throw new NotFound(
					'provider-not-configured',
					'This payment provider is not the one Ordo uses'
				);
			const ctx = getCtx(c);
			// The raw bytes: the signature covers them exactly, not a re-serialised parse.
			const raw = await c.req.text();
			const check = await provider.verifyWebhook(
				raw,
				c.req.header('stripe-signature') ?? null,
				ctx.now
			);
			if (!check.ok) throw new BadRequest('webhook-refused', 'Webhook refused', check.reason);
			return c.json(
				await receiveWebhook({ ctx, provider, event: check.event, payload: check.payload })
			);
		}
	);
