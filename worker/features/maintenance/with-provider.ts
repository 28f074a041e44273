import type { Bindings } from '../../core/context';
import { DomainError } from '../../core/errors';
import { paymentProvider, type Provider } from '../payments/configure';

/**
 * Runs a payment job with the configured provider; where payments are not set up (no
 * webhook secret), there is nothing to reconcile and the job says so instead of failing.
 */
export async function withProvider<T>(
	env: Bindings,
	job: (provider: Provider) => Promise<T>
): Promise<T | { skipped: string }> {
	let provider: Provider;
	try {
		provider = paymentProvider(env);
	} catch (error) {
		if (error instanceof DomainError && error.code === 'payments-not-configured')
			return { skipped: 'payments are not configured' };
		throw error;
	}
	return job(provider);
}
