import { dictionary } from '@zxcvbn-ts/language-common';

// PCI DSS v4.0.1 8.3.6: at least 12 characters. NIST SP 800-63B 5.1.1.2: count Unicode
// code points, allow at least 64, and impose no composition rules (no "one digit, one
// symbol"): length and a blocklist are what make a password hard to guess.
export const MIN_PASSWORD_LENGTH = 12;
// The ceiling bounds the work an attacker can make us do per login attempt; 256 is far past
// any passphrase a person types or a password manager generates.
export const MAX_PASSWORD_LENGTH = 256;

// Identity fragments shorter than this (e.g. "Al", "Ng") are common inside ordinary
// words, so refusing them would reject good passphrases for no security gain.
const MIN_IDENTITY_FRAGMENT = 4;

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'contains_identity';
export type PasswordCheck = { ok: true } | { ok: false; reason: PasswordProblem; message: string };
export type PasswordIdentity = { email?: string; name?: string };

// NIST SP 800-63B 5.1.1.2: refuse values known from breach corpuses. zxcvbn-ts ships ~49k
// of the most common leaked passwords (lower-case); we keep those we could ever see, as
// anything shorter than the minimum is refused before the lookup.
const commonPasswords: ReadonlySet<string> = new Set(
	dictionary['passwords-common'].filter((word) => codePoints(word) >= MIN_PASSWORD_LENGTH)
);

/** Checks a new password against Ordo's policy; the message is safe to show the user. */
export function checkPassword(password: string, identity: PasswordIdentity = {}): PasswordCheck {
	const normalised = password.normalize('NFKC');
	const length = codePoints(normalised);
	if (length < MIN_PASSWORD_LENGTH) {
		return refuse('too_short', `Use at least ${MIN_PASSWORD_LENGTH} characters.`);
	}
	if (length > MAX_PASSWORD_LENGTH) {
		return refuse('too_long', `Use at most ${MAX_PASSWORD_LENGTH} characters.`);
	}
	const lower = normalised.toLowerCase();
	if (commonPasswords.has(lower) || isOneShortUnitRepeated(lower)) {
		return refuse('common', 'This password is too common. Try a few unrelated words together.');
	}
	if (identityFragments(identity).some((fragment) => lower.includes(fragment))) {
		return refuse('contains_identity', 'Leave your name and email address out of your password.');
	}
	return { ok: true };
}

function refuse(reason: PasswordProblem, message: string): PasswordCheck {
	return { ok: false, reason, message };
}

// NIST SP 800-63B lists repetitive values ("aaaaaa", "abcabc…") among those to refuse;
// the breach list only holds the few that leaked, so catch the whole family here.
function isOneShortUnitRepeated(password: string): boolean {
	return /^(.{1,4})\1+$/u.test(password);
}

// NIST SP 800-63B 5.1.1.2: refuse context-specific words such as the user's name or
// username; for Ordo that is the email's local part and the words of the person's name.
function identityFragments({ email, name }: PasswordIdentity): string[] {
	const local = email?.split('@')[0] ?? '';
	const words = [
		local,
		...local.split(/[^\p{L}\p{N}]+/u),
		...(name ?? '').split(/[^\p{L}\p{N}]+/u)
	];
	return words
		.map((word) => word.normalize('NFKC').toLowerCase())
		.filter((word) => codePoints(word) >= MIN_IDENTITY_FRAGMENT);
}

function codePoints(text: string): number {
	return [...text].length;
}
