import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from './password';

// Made with OpenSSL (Python hashlib.scrypt), salt = bytes 0..15: proves the PHC string
// is read the way other scrypt implementations write it, not only the way we write it.
const OPENSSL_CURRENT =
	'$scrypt$ln=14,r=8,p=5$AAECAwQFBgcICQoLDA0ODw$D7lSJtJDGLLVcrxL7dWjkoRxbs+pMvcVYIJ+gbuyltk';
const OPENSSL_WEAK =
	'$scrypt$ln=10,r=8,p=1$AAECAwQFBgcICQoLDA0ODw$mp90zEQd5XGhjEv4WArVH4Z0XRSzkGWtJK2S/AXJlRU';
const PASSWORD = 'correct horse battery staple';

describe('hashPassword', () => {
	it('writes a PHC string with the current parameters, a 16-byte salt and a 32-byte key', async () => {
		const hash = await hashPassword(PASSWORD);
		expect(hash).toMatch(/^\$scrypt\$ln=14,r=8,p=5\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
	});

	it('salts every hash, so equal passwords never share a hash', async () => {
		const [a, b] = await Promise.all([hashPassword(PASSWORD), hashPassword(PASSWORD)]);
		expect(a).not.toBe(b);
	});
});

describe('verifyPassword', () => {
	it('accepts the password that was hashed', async () => {
		const hash = await hashPassword(PASSWORD);
		expect(await verifyPassword(hash, PASSWORD)).toBe(true);
	});

	it('refuses a different password', async () => {
		const hash = await hashPassword(PASSWORD);
		expect(await verifyPassword(hash, 'correct horse battery stapler')).toBe(false);
	});

	it('reads a hash written by another scrypt implementation', async () => {
		expect(await verifyPassword(OPENSSL_CURRENT, PASSWORD)).toBe(true);
	});

	it('takes the parameters from the stored string, so older hashes keep working', async () => {
		expect(await verifyPassword(OPENSSL_WEAK, PASSWORD)).toBe(true);
		expect(await verifyPassword(OPENSSL_WEAK, 'wrong password here')).toBe(false);
	});

	it('matches the same password in composed and decomposed Unicode (NIST 800-63B)', async () => {
		const hash = await hashPassword('caf\u00e9 au lait please');
		expect(await verifyPassword(hash, 'cafe\u0301 au lait please')).toBe(true);
	});

	it.each([
		['empty', ''],
		['another algorithm', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$a2V5'],
		['bad base64', '$scrypt$ln=14,r=8,p=5$!!!!$????'],
		['missing key', '$scrypt$ln=14,r=8,p=5$AAECAwQFBgcICQoLDA0ODw'],
		['a short salt', '$scrypt$ln=10,r=8,p=1$AAECAw$mp90zEQd5XGhjEv4WArVH4Z0XRSzkGWtJK2S/AXJlRU']
	])('treats a malformed hash (%s) as a non-match instead of throwing', async (_, hash) => {
		expect(await verifyPassword(hash, PASSWORD)).toBe(false);
	});

	it('refuses a tampered hash whose cost would exhaust the Worker (DoS guard)', async () => {
		const huge = OPENSSL_CURRENT.replace('ln=14', 'ln=30');
		expect(await verifyPassword(huge, PASSWORD)).toBe(false);
	});
});

describe('needsRehash', () => {
	it('is false for a hash made today', async () => {
		expect(needsRehash(await hashPassword(PASSWORD))).toBe(false);
	});

	it('is true for a hash made with weaker parameters', () => {
		expect(needsRehash(OPENSSL_WEAK)).toBe(true);
	});

	it('is true for a string it cannot read', () => {
		expect(needsRehash('plain-text-password')).toBe(true);
	});
});
