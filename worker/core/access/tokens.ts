import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

// Lucia's session guide: 20 random bytes (160 bits, above OWASP's 64-bit floor for session
// ids) from the CSPRNG, base32 lower-case so the token is URL- and cookie-safe as it is.
const TOKEN_BYTES = 20;
const API_KEY_PREFIX = 'ordo_live_';
// What the UI shows to tell keys apart ("ordo_live_k3x9ab…", 30 bits: enough to tell a
// shop's keys apart, far too little to guess the rest); the rest is never shown again.
const API_KEY_DISPLAY_LENGTH = 16;

export type ApiKey = { key: string; prefix: string };

/** A new session token for the cookie: 32 base32 characters, 160 bits of entropy. */
export function generateSessionToken(): string {
	return randomBase32(TOKEN_BYTES);
}

/**
 * SHA-256 hex of a session token or API key: the id stored in the database. A database
 * leak then yields no usable credential (OWASP Session Management; PCI DSS 8.3.2: render
 * authentication factors unreadable in storage). A fast hash suffices because the input
 * has 160 random bits: nothing to brute-force.
 */
export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** A new integration API key; store `hashToken(key)` and `prefix`, show `key` once. */
export function generateApiKey(): ApiKey {
	// The fixed prefix lets secret scanners (and people) recognise a leaked Ordo key.
	const key = API_KEY_PREFIX + randomBase32(TOKEN_BYTES);
	return { key, prefix: key.slice(0, API_KEY_DISPLAY_LENGTH) };
}

function randomBase32(byteCount: number): string {
	return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(byteCount)));
}
