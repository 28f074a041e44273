import { describe, expect, it } from 'vitest';
import { Invalid } from '../../core/errors';
import { priceOrder } from './pricing';

describe('priceOrder', () => {
	it('shares the order discount by value, adds tax, and line nets add up to the total', () => {
		const priced = priceOrder({
			lines: [
				{ unitPriceMinor: 333, quantity: 3, discountMinor: 99 },
				{ unitPriceMinor: 100, quantity: 1, discountMinor: 0 },
				{ unitPriceMinor: 1, quantity: 1, discountMinor: 0 }
			],
			orderDiscountMinor: 101,
			shippingMinor: 495,
			taxRateBps: 2000
		});
		expect(priced.subtotalMinor).toBe(1100);
		expect(priced.discountMinor).toBe(99 + 101);
		const nets = priced.lines.reduce((a, l) => a + l.netMinor, 0);
		expect(nets + priced.shippingMinor).toBe(priced.totalMinor);
		expect(priced.totalMinor).toBe(1100 - 200 + priced.taxMinor + 495);
		expect(priced.lines[0]!.discountMinor).toBeGreaterThan(priced.lines[1]!.discountMinor);
		for (const l of priced.lines) expect(l.netMinor).toBeGreaterThanOrEqual(0);
	});

	it('refuses a discount larger than what it is taken off', () => {
		expect(() =>
			priceOrder({
				lines: [{ unitPriceMinor: 100, quantity: 1, discountMinor: 101 }],
				orderDiscountMinor: 0,
				shippingMinor: 0,
				taxRateBps: 0
			})
		).toThrow(Invalid);
		expect(() =>
			priceOrder({
				lines: [{ unitPriceMinor: 100, quantity: 1, discountMinor: 50 }],
				orderDiscountMinor: 51,
				shippingMinor: 0,
				taxRateBps: 0
			})
		).toThrow('The order discount is larger than the order');
	});
});
