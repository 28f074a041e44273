import { describe, expect, it } from 'vitest';
import { mfaHref } from './mfa-href';

describe('mfaHref', () => {
	it('sends an enrolled person to the code page and a new one to set-up', () => {
		expect(mfaHref('mfa_verify')).toBe('/sign-in/mfa');
		expect(mfaHref('mfa_enroll')).toBe('/sign-in/mfa-setup');
	});

	it('carries on where the person was going', () => {
		expect(mfaHref('mfa_verify', '/products?q=heart')).toBe(
			'/sign-in/mfa?next=%2Fproducts%3Fq%3Dheart'
		);
	});
});
