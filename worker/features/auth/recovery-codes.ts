import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';

// Crockford's base32: no i, l, o or u, so a code read off paper cannot be mistyped as
// another; normalise() maps the look-alikes back.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const GROUPS = 6;
const GROUP_LENGTH = 4;
// 24 characters x 5 bits = 120 bits. NIST SP 800-63B 5.1.2.2: look-up secrets of at least
// 112 bits may be stored with a plain approved hash; below that they need a salted,
// slow KDF. A brute force of 2^120 is out of reach even at GPU SHA-256 speeds, so SHA-256
// is enough, and it keeps the check cheap where scrypt would cost ~0.5 s per code tried.
const CODE_LENGTH = GROUPS * GROUP_LENGTH;

/** One-time codes to sign in without the authenticator, shown once, e.g. `7k2m-…-q9xd`. */
export function generateRecoveryCodes(count = 10): string[] {
	return Array.from({ length: count }, generateRecoveryCode);
}

/** The value to store: SHA-256 hex of the normalised code, so how it is typed doesn't matter. */
export function hashRecoveryCode(code: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(normaliseRecoveryCode(code))));
}

/** Lower-case, without separators or spaces, look-alike letters read as digits. */
export function normaliseRecoveryCode(code: string): string {
	return code.toLowerCase().replace(/[\s-]/g, '').replace(/[o]/g, '0').replace(/[il]/g, '1');
}

function generateRecoveryCode(): string {
	// 256 is a multiple of 32, so masking a byte to 5 bits gives every symbol equal odds.
	const bytes = crypto.getRandomValues(new Uint8Array(CODE_LENGTH));
	const chars = Array.from(bytes, (byte) => ALPHABET[byte & 31]);
	const groups: string[] = [];
	for (let i = 0; i < CODE_LENGTH; i += GROUP_LENGTH) {
		groups.push(chars.slice(i, i + GROUP_LENGTH).join(''));
	}
	return groups.join('-');
}
