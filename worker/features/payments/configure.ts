import type { Bindings } from '../../core/context';
import { Unavailable } from '../../core/errors';
import type { Provider } from './provider';
import { sandboxProvider } from './sandbox-provider';
import { stripeProvider } from './stripe-provider';

/** The sandbox's test key: it guards nothing real, so it has a default. */
export const SANDBOX_SECRET_KEY = 'sk_test_sandbox';
export const SANDBOX_DEFAULT_URL = 'http://127.0.0.1:4242';

function missing(name: string): never {
	throw new Unavailable(
		'payments-not-configured',
		'Payments are not set up',
		`Ask whoever runs Ordo to set ${name} (README "Payments").`
	);
}

/** PAYMENT_PROVIDER=stripe|sandbox (sandbox when unset: the embedded default). */
export function paymentProvider(env: Bindings | undefined): Provider {
	const name = env?.PAYMENT_PROVIDER ?? 'sandbox';
	if (name === 'stripe') {
		return stripeProvider({
			secretKey: env?.STRIPE_SECRET_KEY ?? missing('STRIPE_SECRET_KEY'),
			webhookSecret: env?.STRIPE_WEBHOOK_SECRET ?? missing('STRIPE_WEBHOOK_SECRET')
		});
	}
	if (name !== 'sandbox') missing('PAYMENT_PROVIDER to stripe or sandbox');
	return sandboxProvider({
		url: env?.SANDBOX_PAY_URL ?? SANDBOX_DEFAULT_URL,
		secretKey: env?.SANDBOX_PAY_SECRET_KEY ?? SANDBOX_SECRET_KEY,
		webhookSecret: env?.SANDBOX_PAY_WEBHOOK_SECRET ?? missing('SANDBOX_PAY_WEBHOOK_SECRET')
	});
}
export type { Provider } from './provider';
