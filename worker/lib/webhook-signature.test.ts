import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, signWebhook, verifyWebhook } from './webhook-signature';

const AT = Date.UTC(2026, 10, 29, 12);

describe('webhook signature (happy)', () => {
	it('is the HMAC-SHA256 of "<t>.<body>" under the secret (a vector from node:crypto)', async () => {
		const body = '{"id":"e1"}';
		const header = await signWebhook('whsec_test', body, AT);
		expect(header).toBe(
			't=1795953600,v1=3861a9720569b10e514912d9e30a210c5001bc374b4406d12f15243e6579f272'
		);
		expect(await verifyWebhook('whsec_test', body, header, AT + 10_000)).toBe(true);
	});
});

describe('webhook signature (security)', () => {
	it('refuses another body, another secret, an old timestamp and no header', async () => {
		const secret = generateWebhookSecret();
		const header = await signWebhook(secret, 'a', AT);
		expect(await verifyWebhook(secret, 'b', header, AT)).toBe(false);
		expect(await verifyWebhook(generateWebhookSecret(), 'a', header, AT)).toBe(false);
		expect(await verifyWebhook(secret, 'a', header, AT + 301_000)).toBe(false);
		expect(await verifyWebhook(secret, 'a', null, AT)).toBe(false);
	});

	it('makes a different 32-byte secret each time', () => {
		const a = generateWebhookSecret();
		expect(a).toMatch(/^whsec_[0-9a-f]{64}$/);
		expect(generateWebhookSecret()).not.toBe(a);
	});
});
