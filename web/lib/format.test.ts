import { describe, expect, it } from 'vitest';
import { formatMoney } from './format';

describe('formatMoney', () => {
	it('divides by the currency’s own minor digits', () => {
		expect(formatMoney(295, 'GBP', 'en-GB')).toBe('£2.95');
		expect(formatMoney(1500, 'JPY', 'en-GB')).toBe('JP¥1,500');
		expect(formatMoney(1234, 'KWD', 'en-GB')).toMatch(/^KWD\s1\.234$/);
	});

	it('formats zero and large amounts without float noise', () => {
		expect(formatMoney(0, 'EUR', 'en-IE')).toBe('€0.00');
		expect(formatMoney(123456789, 'USD', 'en-US')).toBe('$1,234,567.89');
	});
});
