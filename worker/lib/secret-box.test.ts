import { describe, expect, it } from 'vitest';
import { generateDataKey, openSecret, sealSecret } from './secret-box';

const secret = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

describe('secret box', () => {
	it('opens what it sealed', async () => {
		const key = generateDataKey();
		const sealed = await sealSecret(key, secret, 'user-1');
		expect(sealed).toMatch(/^v1\./);
		expect(await openSecret(key, sealed, 'user-1')).toEqual(secret);
	});

	it('refuses another key, another context or an altered box', async () => {
		const key = generateDataKey();
		const sealed = await sealSecret(key, secret, 'user-1');
		await expect(openSecret(generateDataKey(), sealed, 'user-1')).rejects.toThrow();
		await expect(openSecret(key, sealed, 'user-2')).rejects.toThrow();
		const altered = sealed.slice(0, -4) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA');
		await expect(openSecret(key, altered, 'user-1')).rejects.toThrow();
	});

	it('refuses a key of the wrong size', async () => {
		await expect(sealSecret('c2hvcnQ=', secret, 'x')).rejects.toThrow(/32 bytes/);
	});
});
