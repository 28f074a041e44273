import { describe, expect, it } from 'vitest';
import { formatAsOf } from './as-of';

describe('formatAsOf', () => {
	const now = new Date(2026, 10, 29, 15, 5);

	it('gives the time alone for a figure read today, on the 24-hour clock', () => {
		expect(formatAsOf(new Date(2026, 10, 29, 10, 42).toISOString(), now)).toMatch(/^10:42$/);
		expect(formatAsOf(new Date(2026, 10, 29, 14, 7).toISOString(), now)).toMatch(/^14:07$/);
	});

	it('adds the day for an older one', () => {
		const older = formatAsOf(new Date(2026, 10, 28, 10, 42).toISOString(), now);
		expect(older).toMatch(/28/);
		expect(older).toMatch(/10:42$/);
	});
});
