import { describe, expect, it } from 'vitest';
import { holdsCardNumber } from './card-guard';

describe('holdsCardNumber: work that is never written to the outbox', () => {
	it('finds a card number anywhere in the body, however it is written', () => {
		expect(holdsCardNumber({ code: '4111111111111111', quantity: 1 })).toBe(true);
		expect(holdsCardNumber({ lines: [{ note: 'card 4111\u202f1111\u202f1111\u202f1111' }] })).toBe(
			true
		);
		expect(holdsCardNumber({ note: '４１１１ １１１１ １１１１ １１１１' })).toBe(true);
	});

	it('lets barcodes, counts and words through', () => {
		expect(holdsCardNumber({ code: '5012345678900', quantity: 3, deviceTime: null })).toBe(false);
		expect(holdsCardNumber({ reason: 'found', delta: 2, tags: ['shelf 4'] })).toBe(false);
		expect(holdsCardNumber(null)).toBe(false);
	});
});
