import { describe, expect, it } from 'vitest';
import { generateApiKey, generateSessionToken, hashToken } from './tokens';

describe('generateSessionToken', () => {
	it('is 32 lower-case base32 characters (160 bits), safe in a cookie as it is', () => {
		expect(generateSessionToken()).toMatch(/^[a-z2-7]{32}$/);
	});

	it('never repeats', () => {
		const tokens = new Set(Array.from({ length: 1000 }, generateSessionToken));
		expect(tokens.size).toBe(1000);
	});
});

describe('hashToken', () => {
	it('is the SHA-256 hex of the token', () => {
		// sha256("abc") from FIPS 180-2.
		expect(hashToken('abc')).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);
	});

	it('does not contain the token, so a leaked table yields no session', () => {
		const token = generateSessionToken();
		const hash = hashToken(token);
		expect(hash).toMatch(/^[0-9a-f]{64}$/);
		expect(hash).not.toContain(token);
	});
});

describe('generateApiKey', () => {
	it('starts with ordo_live_ and 160 random bits', () => {
		expect(generateApiKey().key).toMatch(/^ordo_live_[a-z2-7]{32}$/);
	});

	it('shows only the first 16 characters (6 random) as its prefix', () => {
		const { key, prefix } = generateApiKey();
		expect(prefix).toHaveLength(16);
		expect(key.startsWith(prefix)).toBe(true);
	});

	it('is hashed like a session token, and two keys never share a hash', () => {
		const a = generateApiKey().key;
		const b = generateApiKey().key;
		expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
		expect(hashToken(a)).not.toBe(hashToken(b));
	});
});
