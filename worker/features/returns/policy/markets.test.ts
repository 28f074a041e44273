import { describe, expect, it } from 'vitest';
import { EU_COUNTRIES, legalMinimumOf, marketOf } from './markets';

describe('marketOf', () => {
	it('maps the 27 EU states and IS, LI, NO to EU', () => {
		expect(EU_COUNTRIES).toHaveLength(27);
		for (const c of [...EU_COUNTRIES, 'IS', 'LI', 'NO']) expect(marketOf(c)).toBe('EU');
	});

	it('keeps GB, US and any other country as itself; no country, no market', () => {
		expect(marketOf('gb')).toBe('GB');
		expect(marketOf('UK')).toBe('GB');
		expect(marketOf('US')).toBe('US');
		expect(marketOf('CH')).toBe('CH');
		expect(marketOf(null)).toBeNull();
	});

	it('EU and GB carry a 14-day legal minimum with a citation; the US none', () => {
		expect(legalMinimumOf('EU')).toMatchObject({
			days: 14,
			restockingFee: false,
			approvalStep: false
		});
		expect(legalMinimumOf('GB')?.citation).toContain('Consumer Contracts');
		expect(legalMinimumOf('US')).toBeNull();
	});
});
