import Stripe from 'stripe';
import { Unavailable } from '../../core/errors';
import type { Provider, RefundResult } from './provider';
import { parsed } from './sandbox-provider';
import { checkTimestamp, SIGNATURE_TOLERANCE_S } from './stripe-signature';
import { readRefund, readSession } from './stripe-wire';

// Stripe Checkout through the official SDK with its fetch HTTP client and Web Crypto,
// so the same code runs in workerd and Node. Configured by the secrets STRIPE_SECRET_KEY
// and STRIPE_WEBHOOK_SECRET (README "Payments").
export type StripeConfig = { secretKey: string; webhookSecret: string };

const crypto = Stripe.createSubtleCryptoProvider();

function unreachable(error: unknown, what: string): never {
	const message = error instanceof Stripe.errors.StripeError ? error.message : String(error);
	throw new Unavailable(
		'payment-provider-refused',
		`Stripe would not ${what}`,
		message.slice(0, 300)
	);
}

export function stripeProvider(config: StripeConfig): Provider {
	const stripe = new Stripe(config.secretKey, { httpClient: Stripe.createFetchHttpClient() });
	return {
		name: 'stripe',
		label: 'Stripe',
		async createCheckoutSession(r) {
			try {
				const s = await stripe.checkout.sessions.create({
					mode: 'payment',
					client_reference_id: r.orderReference,
					metadata: { order_id: r.orderId },
					success_url: r.successUrl,
					cancel_url: r.cancelUrl,
					expires_at: Math.floor(r.expiresAt / 1000),
					line_items: [
						{
							quantity: 1,
							price_data: {
								currency: r.currency.toLowerCase(),
								unit_amount: r.amountMinor,
								product_data: { name: `Order ${r.orderReference}` }
							}
						}
					]
				});
				return { id: s.id, url: s.url ?? '', expiresAt: s.expires_at * 1000 };
			} catch (error) {
				unreachable(error, 'create a checkout session');
			}
		},
		async getSession(id) {
			try {
				const s = await stripe.checkout.sessions.retrieve(id, {
					expand: ['payment_intent.latest_charge']
				});
				return readSession(s);
			} catch (error) {
				unreachable(error, 'read the checkout session');
			}
		},
		async refund({ paymentIntent, amountMinor, idempotencyKey }): Promise<RefundResult> {
			try {
				const r = readRefund(
					await stripe.refunds.create(
						{ payment_intent: paymentIntent, amount: amountMinor },
						{ idempotencyKey }
					)
				);
				if (r.status === 'succeeded' || r.status === 'pending')
					return { status: r.status, providerRef: r.id };
				return { status: 'failed', providerRef: r.id, reason: r.failureReason ?? r.status };
			} catch (error) {
				const reason = error instanceof Error ? error.message : String(error);
				return { status: 'failed', providerRef: null, reason: reason.slice(0, 300) };
			}
		},
		async verifyWebhook(rawBody, signature, now) {
			// Stripe's SDK refuses only old timestamps; a future one is refused here first.
			const time = checkTimestamp(signature, now);
			if (!time.ok) return time;
			try {
				await stripe.webhooks.constructEventAsync(
					rawBody,
					signature ?? '',
					config.webhookSecret,
					SIGNATURE_TOLERANCE_S,
					crypto
				);
			} catch {
				return { ok: false, reason: 'The signature does not match' };
			}
			return parsed(rawBody);
		}
	};
}
