import { describe, expect, it } from 'vitest';
import { deviceSummary } from './device';

describe('deviceSummary', () => {
	it('names browser and system from fixed names only', () => {
		const android =
			'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36';
		expect(deviceSummary(android)).toBe('Chrome on Android');
		expect(
			deviceSummary('Mozilla/5.0 (Windows NT 10.0; rv:133.0) Gecko/20100101 Firefox/133.0')
		).toBe('Firefox on Windows');
	});

	it('never echoes what the client wrote', () => {
		expect(deviceSummary('4111 1111 1111 1111')).toBe('A browser');
		expect(deviceSummary(null)).toBe('Unknown device');
	});
});
