import { checkPassword, type PasswordIdentity } from '../../worker/features/auth/password-policy';

// No look-alikes (0/o, 1/l/i) so it can be read out or typed from paper.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * 5 groups of 5 from 31 symbols: ~124 bits from the OS's CSPRNG, far beyond guessing,
 * and checked against the same policy as a typed password.
 */
export function generatePassword(identity: PasswordIdentity): string {
	for (;;) {
		const bytes = crypto.getRandomValues(new Uint8Array(25 * 2));
		const chars: string[] = [];
		for (let i = 0; i < bytes.length && chars.length < 25; i++) {
			// Rejection sampling: 248 = 8 × 31, so every symbol is equally likely.
			if (bytes[i]! < 248) chars.push(ALPHABET[bytes[i]! % ALPHABET.length]!);
		}
		if (chars.length < 25) continue;
		const password = chars.join('').match(/.{5}/g)!.join('-');
		if (checkPassword(password, identity).ok) return password;
	}
}
