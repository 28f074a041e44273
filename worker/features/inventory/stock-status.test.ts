import { describe, expect, it } from 'vitest';
import { stockStatus } from './stock-status';

describe('stockStatus', () => {
	it('is out with nothing available, low at or below the reorder point, ok above', () => {
		expect(stockStatus(0, 10)).toBe('out');
		expect(stockStatus(-2, 0)).toBe('out');
		expect(stockStatus(10, 10)).toBe('low');
		expect(stockStatus(1, 10)).toBe('low');
		expect(stockStatus(11, 10)).toBe('ok');
		expect(stockStatus(1, 0)).toBe('ok');
	});
});
