import { describe, expect, it } from 'vitest';
import { formatCountdown } from './countdown';

describe('formatCountdown', () => {
	it('shows minutes and two-digit seconds', () => {
		expect(formatCountdown(60_000)).toBe('1:00');
		expect(formatCountdown(59_000)).toBe('0:59');
		expect(formatCountdown(5_000)).toBe('0:05');
	});

	it('rounds a part second up, so 0:00 means the time is really up', () => {
		expect(formatCountdown(58_001)).toBe('0:59');
		expect(formatCountdown(1)).toBe('0:01');
		expect(formatCountdown(0)).toBe('0:00');
	});

	it('never counts below zero', () => {
		expect(formatCountdown(-3_000)).toBe('0:00');
	});
});
