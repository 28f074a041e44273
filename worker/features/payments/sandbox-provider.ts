import { Unavailable } from '../../core/errors';
import type { Provider, RefundResult } from './provider';
import { verifySignature } from './stripe-signature';
import { readEvent, readRefund, readSession } from './stripe-wire';

// The sandbox (scripts/sandbox-pay): Stripe's REST shapes over plain fetch, so the
// embedded default and the tests exercise the same parsing as Stripe Checkout.
export type SandboxConfig = { url: string; secretKey: string; webhookSecret: string };

function form(fields: Record<string, string | number>): string {
	return new URLSearchParams(
		Object.entries(fields).map(([key, value]) => [key, String(value)])
	).toString();
}

export function sandboxProvider(config: SandboxConfig): Provider {
	async function call(path: string, init: RequestInit & { idempotencyKey?: string } = {}) {
		const headers: Record<string, string> = { authorization: `Bearer ${config.secretKey}` };
		if (init.body) headers['content-type'] = 'application/x-www-form-urlencoded';
		if (init.idempotencyKey) headers['idempotency-key'] = init.idempotencyKey;
		let res: Response;
		try {
			res = await fetch(new URL(path, config.url), { ...init, headers });
		} catch {
			throw new Unavailable(
				'payment-provider-unreachable',
				'The payment provider cannot be reached',
				`Nothing answered at ${config.url}. Is the sandbox running (npm start starts it)?`
			);
		}
		const body: unknown = await res.json().catch(() => ({}));
		return { ok: res.ok, status: res.status, body };
	}
	return {
		name: 'sandbox',
		label: 'Sandbox pay',
		async createCheckoutSession(r) {
			const { ok, body } = await call('/v1/checkout/sessions', {
				method: 'POST',
				body: form({
					mode: 'payment',
					client_reference_id: r.orderReference,
					'metadata[order_id]': r.orderId,
					success_url: r.successUrl,
					cancel_url: r.cancelUrl,
					expires_at: Math.floor(r.expiresAt / 1000),
					'line_items[0][quantity]': 1,
					'line_items[0][price_data][currency]': r.currency.toLowerCase(),
					'line_items[0][price_data][unit_amount]': r.amountMinor,
					'line_items[0][price_data][product_data][name]': `Order ${r.orderReference}`
				})
			});
			const s = body as { id?: string; url?: string; expires_at?: number };
			if (!ok || !s.id || !s.url) throw refused('create a checkout session', body);
			return { id: s.id, url: s.url, expiresAt: (s.expires_at ?? 0) * 1000 };
		},
		async getSession(id) {
			const path = `/v1/checkout/sessions/${encodeURIComponent(id)}?expand[]=payment_intent.latest_charge`;
			const { ok, body } = await call(path);
			if (!ok) throw refused('read the checkout session', body);
			return readSession(body);
		},
		async refund({ paymentIntent, amountMinor, idempotencyKey }): Promise<RefundResult> {
			const { ok, body } = await call('/v1/refunds', {
				method: 'POST',
				idempotencyKey,
				body: form({ payment_intent: paymentIntent, amount: amountMinor })
			});
			if (!ok) return { status: 'failed', providerRef: null, reason: errorMessage(body) };
			const refund = readRefund(body);
			if (refund.status === 'succeeded' || refund.status === 'pending')
				return { status: refund.status, providerRef: refund.id };
			return {
				status: 'failed',
				providerRef: refund.id,
				reason: refund.failureReason ?? `The provider reports the refund ${refund.status}`
			};
		},
		async verifyWebhook(rawBody, signature, now) {
			const check = await verifySignature(config.webhookSecret, rawBody, signature, now);
			if (!check.ok) return check;
			return parsed(rawBody);
		}
	};
}

export function parsed(rawBody: string) {
	let payload: unknown;
	try {
		payload = JSON.parse(rawBody);
	} catch {
		return { ok: false as const, reason: 'The body is not JSON' };
	}
	const event = readEvent(payload);
	return event
		? { ok: true as const, event, payload }
		: { ok: false as const, reason: 'Not an event' };
}

function errorMessage(body: unknown): string {
	const message = (body as { error?: { message?: unknown } }).error?.message;
	return typeof message === 'string' ? message.slice(0, 300) : 'The provider refused the request';
}

function refused(what: string, body: unknown) {
	return new Unavailable(
		'payment-provider-refused',
		`The payment provider would not ${what}`,
		errorMessage(body)
	);
}
