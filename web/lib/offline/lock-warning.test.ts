import { describe, expect, it } from 'vitest';
import { lockWarningSeconds } from './lock-warning';

describe('lockWarningSeconds', () => {
	it('says nothing before the last minute or once it is up', () => {
		expect(lockWarningSeconds(60_001)).toBeNull();
		expect(lockWarningSeconds(15 * 60_000)).toBeNull();
		expect(lockWarningSeconds(0)).toBeNull();
		expect(lockWarningSeconds(-5)).toBeNull();
	});

	it('counts the last minute down in tens, never less than is left', () => {
		expect(lockWarningSeconds(60_000)).toBe(60);
		expect(lockWarningSeconds(50_001)).toBe(60);
		expect(lockWarningSeconds(50_000)).toBe(50);
		expect(lockWarningSeconds(9_000)).toBe(10);
		expect(lockWarningSeconds(1)).toBe(10);
	});
});
