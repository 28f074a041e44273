// The sandbox provider's memory: checkout sessions, payment intents with their one charge,
// refunds, in Stripe's shapes (only the fields Ordo reads, plus the usual identifiers).

export type SandboxCard = { brand: string; last4: string; refundsFail: boolean };

/** The "cards" the hosted page offers. None is typed: the sandbox never sees a card number. */
export const CARDS: Record<string, SandboxCard> = {
	visa: { brand: 'visa', last4: '4242', refundsFail: false },
	mastercard_refunds_fail: { brand: 'mastercard', last4: '4444', refundsFail: true }
};

export type Session = {
	id: string;
	object: 'checkout.session';
	mode: 'payment';
	amount_total: number;
	currency: string;
	client_reference_id: string | null;
	metadata: Record<string, string>;
	status: 'open' | 'complete' | 'expired';
	payment_status: 'paid' | 'unpaid';
	payment_intent: string | null;
	url: string;
	success_url: string;
	cancel_url: string;
	expires_at: number;
	created: number;
	livemode: false;
};

export type PaymentIntent = {
	id: string;
	object: 'payment_intent';
	amount: number;
	amount_refunded: number;
	currency: string;
	status: 'succeeded' | 'processing' | 'requires_payment_method';
	card: SandboxCard;
	charge: string;
};

export type Refund = {
	id: string;
	object: 'refund';
	amount: number;
	currency: string;
	payment_intent: string;
	charge: string;
	status: 'succeeded' | 'failed' | 'pending';
	failure_reason: string | null;
	created: number;
};

export function randomId(prefix: string): string {
	return `${prefix}_${crypto.randomUUID().replaceAll('-', '')}`;
}

export class SandboxState {
	sessions = new Map<string, Session>();
	intents = new Map<string, PaymentIntent>();
	refunds = new Map<string, Refund>();
	/** Idempotency-Key → the refund first created with it (Stripe keeps keys 24 hours). */
	refundKeys = new Map<string, string>();

	/** The session as the API returns it; `expand` the charge for its card's brand and last 4. */
	sessionView(session: Session, expand: boolean): unknown {
		const intent = session.payment_intent ? this.intents.get(session.payment_intent) : undefined;
		if (!expand || !intent) return session;
		return { ...session, payment_intent: this.intentView(intent) };
	}

	intentView(intent: PaymentIntent): unknown {
		return {
			id: intent.id,
			object: 'payment_intent',
			amount: intent.amount,
			currency: intent.currency,
			status: intent.status,
			latest_charge: this.chargeView(intent)
		};
	}

	chargeView(intent: PaymentIntent): Record<string, unknown> {
		const refunds = [...this.refunds.values()].filter((r) => r.payment_intent === intent.id);
		return {
			id: intent.charge,
			object: 'charge',
			amount: intent.amount,
			amount_refunded: intent.amount_refunded,
			refunded: intent.amount_refunded >= intent.amount,
			payment_intent: intent.id,
			payment_method_details: {
				type: 'card',
				card: { brand: intent.card.brand, last4: intent.card.last4 }
			},
			refunds: { object: 'list', data: refunds }
		};
	}
}
