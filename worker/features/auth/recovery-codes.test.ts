import { describe, expect, it } from 'vitest';
import { generateRecoveryCodes, hashRecoveryCode, normaliseRecoveryCode } from './recovery-codes';

const SHAPE = /^[0-9abcdefghjkmnpqrstvwxyz]{4}(-[0-9abcdefghjkmnpqrstvwxyz]{4}){5}$/;

describe('generateRecoveryCodes', () => {
	it('makes ten codes by default, each six groups of four unambiguous characters', () => {
		const codes = generateRecoveryCodes();
		expect(codes).toHaveLength(10);
		for (const code of codes) expect(code).toMatch(SHAPE);
	});

	it('makes as many codes as asked, all different', () => {
		const codes = generateRecoveryCodes(50);
		expect(new Set(codes).size).toBe(50);
	});

	it('carries at least 112 bits each (24 symbols of 5 bits)', () => {
		const [code] = generateRecoveryCodes(1);
		expect(code!.replace(/-/g, '').length * 5).toBeGreaterThanOrEqual(112);
	});

	it('uses every symbol of the alphabet, so no bits are lost to bias', () => {
		const seen = new Set(generateRecoveryCodes(200).join('').replace(/-/g, ''));
		expect(seen.size).toBe(32);
	});
});

describe('hashRecoveryCode', () => {
	it('is the SHA-256 hex of the normalised code', () => {
		// sha256("abc") from FIPS 180-2.
		expect(hashRecoveryCode('ABC')).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);
	});

	it('gives the same hash however the code is typed', () => {
		const [code] = generateRecoveryCodes(1);
		const typed = ` ${code!.toUpperCase().replace(/-/g, ' ')} `;
		expect(hashRecoveryCode(typed)).toBe(hashRecoveryCode(code!));
	});

	it('gives different codes different hashes', () => {
		const [a, b] = generateRecoveryCodes(2);
		expect(hashRecoveryCode(a!)).not.toBe(hashRecoveryCode(b!));
	});
});

describe('normaliseRecoveryCode', () => {
	it('reads the letters O, I and L as the digits they resemble', () => {
		expect(normaliseRecoveryCode('O1lI-ab2c')).toBe('0111ab2c');
	});
});
