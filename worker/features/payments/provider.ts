import type { PaymentProvider as ProviderName } from '../../../db/schema/payments';

// What Ordo asks of a payment provider (PCI DSS SAQ A: the card is typed on the
// provider's hosted page, never in Ordo). Two implementations with the same wire
// shapes: Stripe Checkout (stripe-provider.ts) and the sandbox (sandbox-provider.ts).

export type CheckoutRequest = {
	amountMinor: number;
	currency: string;
	/** The order number people say (ORD-10042): the session's client_reference_id. */
	orderReference: string;
	orderId: string;
	successUrl: string;
	cancelUrl: string;
	/** Epoch ms; Stripe takes 30 minutes to 24 hours from now. */
	expiresAt: number;
};

export type CheckoutSession = { id: string; url: string; expiresAt: number };

export type Card = { brand: string; last4: string };

/** A checkout session as the provider reports it (webhook object or status read). */
export type SessionState = {
	id: string;
	status: 'open' | 'complete' | 'expired';
	paymentStatus: 'paid' | 'unpaid' | 'no_payment_required';
	amountTotal: number;
	currency: string;
	paymentIntent: string | null;
	card: Card | null;
};

export type RefundState = {
	id: string;
	status: 'succeeded' | 'pending' | 'failed' | 'canceled' | 'requires_action';
	amount: number;
	paymentIntent: string | null;
	failureReason: string | null;
};

export type RefundResult =
	| { status: 'succeeded' | 'pending'; providerRef: string }
	| { status: 'failed'; providerRef: string | null; reason: string };

/** A verified event, reduced to what Ordo acts on. Unknown types are kept, not acted on. */
export type ProviderEvent =
	| {
			id: string;
			type:
				| 'checkout.session.completed'
				| 'checkout.session.async_payment_succeeded'
				| 'checkout.session.async_payment_failed'
				| 'checkout.session.expired';
			kind: 'session';
			session: SessionState;
	  }
	| {
			id: string;
			type: 'refund.updated' | 'charge.refunded';
			kind: 'refunds';
			refunds: RefundState[];
	  }
	| { id: string; type: string; kind: 'other' };

export type WebhookCheck =
	{ ok: true; event: ProviderEvent; payload: unknown } | { ok: false; reason: string };

export type Provider = {
	name: ProviderName;
	/** Shown on the timeline as who did it ("Stripe", "Sandbox pay"). */
	label: string;
	createCheckoutSession(request: CheckoutRequest): Promise<CheckoutSession>;
	/** The session's status with the card's brand and last 4 when paid. */
	getSession(id: string): Promise<SessionState>;
	refund(input: {
		paymentIntent: string;
		amountMinor: number;
		idempotencyKey: string;
	}): Promise<RefundResult>;
	verifyWebhook(rawBody: string, signature: string | null, now: number): Promise<WebhookCheck>;
};
