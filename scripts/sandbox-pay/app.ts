import { Hono, type Context } from 'hono';
import { hostedPage, pageHeaders } from './page';
import { CARDS, randomId, SandboxState, type Session } from './state';
import { WebhookSender, type DeliveryOptions } from './webhooks';

// A payment provider for the embedded default and the tests: Stripe's REST paths and
// shapes (form-encoded requests, Bearer sk_test_… keys, `error` objects), a hosted page
// on its own origin where a tester pays, fails or abandons, and signed webhooks.

export type SandboxOptions = DeliveryOptions & {
	/** The sandbox's own origin, for the hosted page URLs it hands out. */
	publicUrl: string;
	secretKey: string;
};

export type Sandbox = {
	app: Hono;
	state: SandboxState;
	webhooks: WebhookSender;
	expireDue(): void;
};

function stripeError(
	c: Context,
	status: 400 | 401 | 404,
	message: string,
	type = 'invalid_request_error'
) {
	return c.json({ error: { type, message } }, status);
}

export function createSandbox(options: SandboxOptions): Sandbox {
	const state = new SandboxState();
	const webhooks = new WebhookSender(options);
	const now = options.now ?? Date.now;
	const app = new Hono();

	const expire = (session: Session) => {
		session.status = 'expired';
		webhooks.emit('checkout.session.expired', session);
	};
	const expireDue = () => {
		for (const s of state.sessions.values())
			if (s.status === 'open' && s.expires_at * 1000 <= now()) expire(s);
	};

	app.use('/v1/*', async (c, next) => {
		if (c.req.header('authorization') !== `Bearer ${options.secretKey}`)
			return stripeError(c, 401, 'Invalid API Key provided', 'authentication_error');
		await next();
	});

	app.post('/v1/checkout/sessions', async (c) => {
		const f = await c.req.parseBody();
		const amount = Number(f['line_items[0][price_data][unit_amount]']);
		const quantity = Number(f['line_items[0][quantity]'] ?? 1);
		const currency = String(f['line_items[0][price_data][currency]'] ?? '');
		const expiresAt = Number(f.expires_at ?? Math.floor(now() / 1000) + 86_400);
		if (!Number.isInteger(amount) || amount <= 0 || !/^[a-z]{3}$/.test(currency))
			return stripeError(
				c,
				400,
				'line_items[0][price_data] needs a positive unit_amount and a currency'
			);
		if (!f.success_url || !f.cancel_url)
			return stripeError(c, 400, 'success_url and cancel_url are required');
		const id = randomId('cs_test');
		const session: Session = {
			id,
			object: 'checkout.session',
			mode: 'payment',
			amount_total: amount * quantity,
			currency,
			client_reference_id: f.client_reference_id ? String(f.client_reference_id) : null,
			metadata: f['metadata[order_id]'] ? { order_id: String(f['metadata[order_id]']) } : {},
			status: 'open',
			payment_status: 'unpaid',
			payment_intent: null,
			url: `${options.publicUrl}/pay/${id}`,
			success_url: String(f.success_url),
			cancel_url: String(f.cancel_url),
			expires_at: expiresAt,
			created: Math.floor(now() / 1000),
			livemode: false
		};
		state.sessions.set(id, session);
		return c.json(session);
	});

	app.get('/v1/checkout/sessions/:id', (c) => {
		expireDue();
		const session = state.sessions.get(c.req.param('id'));
		if (!session) return stripeError(c, 404, `No such checkout.session: '${c.req.param('id')}'`);
		const expand = c.req.queries('expand[]')?.includes('payment_intent.latest_charge') ?? false;
		return c.json(state.sessionView(session, expand) as object);
	});

	app.post('/v1/refunds', async (c) => {
		const key = c.req.header('idempotency-key');
		const earlier = key ? state.refunds.get(state.refundKeys.get(key) ?? '') : undefined;
		if (earlier) return c.json(earlier);
		const f = await c.req.parseBody();
		const intent = state.intents.get(String(f.payment_intent ?? ''));
		if (!intent)
			return stripeError(c, 404, `No such payment_intent: '${String(f.payment_intent)}'`);
		const amount =
			f.amount === undefined ? intent.amount - intent.amount_refunded : Number(f.amount);
		if (!Number.isInteger(amount) || amount <= 0 || amount > intent.amount - intent.amount_refunded)
			return stripeError(
				c,
				400,
				`Refund amount (${amount}) is greater than unrefunded amount on charge`
			);
		const fails = intent.card.refundsFail;
		const refund = {
			id: randomId('re'),
			object: 'refund' as const,
			amount,
			currency: intent.currency,
			payment_intent: intent.id,
			charge: intent.charge,
			status: fails ? ('failed' as const) : ('succeeded' as const),
			failure_reason: fails ? 'expired_or_canceled_card' : null,
			created: Math.floor(now() / 1000)
		};
		state.refunds.set(refund.id, refund);
		if (key) state.refundKeys.set(key, refund.id);
		if (!fails) intent.amount_refunded += amount;
		webhooks.emit('refund.updated', refund);
		if (!fails) webhooks.emit('charge.refunded', state.chargeView(intent));
		return c.json(refund);
	});

	app.get('/pay/:id', (c) => {
		expireDue();
		const session = state.sessions.get(c.req.param('id'));
		if (!session) return c.text('No such checkout', 404);
		const { html, headers } = hostedPage(session);
		return c.html(html, 200, headers);
	});

	// The buttons of the hosted page. Pay completes the session; Fail completes it unpaid,
	// then reports the (bank) payment failed; Abandon expires it at once.
	app.post('/pay/:id', async (c) => {
		expireDue();
		const session = state.sessions.get(c.req.param('id'));
		if (!session) return c.text('No such checkout', 404);
		if (session.status !== 'open')
			return c.html(hostedPage(session).html, 409, pageHeaders(session));
		const f = await c.req.parseBody();
		const action = String(f.action ?? '');
		if (action === 'abandon') {
			expire(session);
			return c.redirect(session.cancel_url, 303);
		}
		const card = CARDS[String(f.card ?? 'visa')] ?? CARDS.visa!;
		const intentId = randomId('pi');
		state.intents.set(intentId, {
			id: intentId,
			object: 'payment_intent',
			amount: session.amount_total,
			amount_refunded: 0,
			currency: session.currency,
			status: action === 'pay' ? 'succeeded' : 'requires_payment_method',
			card,
			charge: randomId('ch')
		});
		session.payment_intent = intentId;
		session.status = 'complete';
		if (action === 'pay') {
			session.payment_status = 'paid';
			webhooks.emit('checkout.session.completed', session);
			return c.redirect(session.success_url, 303);
		}
		webhooks.emit('checkout.session.completed', { ...session });
		webhooks.emit('checkout.session.async_payment_failed', session);
		return c.redirect(session.cancel_url, 303);
	});

	return { app, state, webhooks, expireDue };
}
