import { describe, expect, it } from 'vitest';
import { clockOffset } from './device-time';

const now = Date.parse('2026-11-29T12:00:00.000Z');

describe('clockOffset', () => {
	it('is how far the device clock is behind the server', () => {
		expect(clockOffset('2026-11-29T11:50:00.000Z', now)).toBe(600_000);
		expect(clockOffset('2026-11-29T13:05:00+01:00', now)).toBe(-300_000);
	});

	it('is 0 when the header is missing or not an ISO time with a zone', () => {
		expect(clockOffset(undefined, now)).toBe(0);
		expect(clockOffset('yesterday', now)).toBe(0);
		expect(clockOffset('2026-11-29T11:50:00', now)).toBe(0);
		expect(clockOffset('2026-13-45T11:50:00Z', now)).toBe(0);
	});
});
