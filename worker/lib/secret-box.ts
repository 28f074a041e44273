import { decodeBase64, encodeBase64 } from '@oslojs/encoding';

// Secrets Ordo must read back (TOTP seeds) are sealed with AES-256-GCM under a key
// that lives outside the database (ORDO_DATA_KEY, a Worker secret): a copy of the
// database alone reveals no second factor (PCI DSS 8.3.2, 3.5). Web Crypto only,
// so the same code runs in workerd and Node.
const VERSION = 'v1';

async function importKey(keyBase64: string): Promise<CryptoKey> {
	const raw = new Uint8Array(decodeBase64(keyBase64));
	if (raw.length !== 32) throw new Error('ORDO_DATA_KEY must be 32 bytes, base64-encoded');
	return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/** `v1.<iv>.<ciphertext>`; `context` is bound as additional data (e.g. the user id). */
export async function sealSecret(keyBase64: string, secret: Uint8Array, context: string) {
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const sealed = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(context) },
		await importKey(keyBase64),
		new Uint8Array(secret)
	);
	return `${VERSION}.${encodeBase64(iv)}.${encodeBase64(new Uint8Array(sealed))}`;
}

/** Opens a sealed secret; throws if it was altered or sealed for another context. */
export async function openSecret(keyBase64: string, sealed: string, context: string) {
	const [version, iv, data] = sealed.split('.');
	if (version !== VERSION || !iv || !data) throw new Error('not a sealed secret');
	const plain = await crypto.subtle.decrypt(
		{
			name: 'AES-GCM',
			iv: new Uint8Array(decodeBase64(iv)),
			additionalData: new TextEncoder().encode(context)
		},
		await importKey(keyBase64),
		new Uint8Array(decodeBase64(data))
	);
	return new Uint8Array(plain);
}

/** A fresh key for ORDO_DATA_KEY. */
export function generateDataKey(): string {
	return encodeBase64(crypto.getRandomValues(new Uint8Array(32)));
}
