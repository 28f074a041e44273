import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, retryDelayMs } from './backoff';

describe('retryDelayMs (happy)', () => {
	it('doubles from one minute, with ±20% jitter', () => {
		expect(retryDelayMs(1, 0.5)).toBe(60_000);
		expect(retryDelayMs(2, 0.5)).toBe(120_000);
		expect(retryDelayMs(4, 0.5)).toBe(480_000);
		expect(retryDelayMs(1, 0)).toBe(48_000);
		expect(retryDelayMs(1, 0.999_999)).toBeCloseTo(72_000, -1);
	});

	it('stops growing at six hours', () => {
		expect(retryDelayMs(MAX_ATTEMPTS, 0.5)).toBe(6 * 60 * 60_000);
		expect(retryDelayMs(30, 0.5)).toBe(6 * 60 * 60_000);
	});
});
