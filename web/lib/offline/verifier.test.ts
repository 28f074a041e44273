import { describe, expect, it } from 'vitest';
import { checkPassword, deriveVerifier, PBKDF2_ITERATIONS } from './verifier';

// A low count keeps the test quick; the derivation is the same at any count.
const FAST = { iterations: 1_000 };
const PASSWORD = 'quiet harbour ledger 2026';

describe('offline password verifier', () => {
	it('accepts the password it was derived from', async () => {
		const verifier = await deriveVerifier(PASSWORD, FAST);
		expect(await checkPassword(PASSWORD, verifier)).toBe(true);
	});

	it('refuses any other password, however close', async () => {
		const verifier = await deriveVerifier(PASSWORD, FAST);
		expect(await checkPassword('quiet harbour ledger 2027', verifier)).toBe(false);
		expect(await checkPassword(PASSWORD.toUpperCase(), verifier)).toBe(false);
		expect(await checkPassword('', verifier)).toBe(false);
	});

	it('holds neither the password nor a salt shared with another derivation', async () => {
		const one = await deriveVerifier(PASSWORD, FAST);
		const two = await deriveVerifier(PASSWORD, FAST);
		expect(JSON.stringify(one)).not.toContain(PASSWORD);
		expect(one.salt).not.toBe(two.salt);
		expect(one.hash).not.toBe(two.hash);
		expect(atob(one.salt)).toHaveLength(16);
		expect(atob(one.hash)).toHaveLength(32);
	});

	it('uses the count stored with it, so a raised default still checks old verifiers', async () => {
		const verifier = await deriveVerifier(PASSWORD, FAST);
		expect(verifier.iterations).toBe(1_000);
		expect(await checkPassword(PASSWORD, { ...verifier, iterations: 1_001 })).toBe(false);
	});

	it('defaults to a slow derivation', () => {
		expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(310_000);
	});

	it('reads the same password typed in another Unicode form', async () => {
		const verifier = await deriveVerifier('café harbour ledger', FAST);
		expect(await checkPassword('cafe\u0301 harbour ledger', verifier)).toBe(true);
	});
});
