// The offline unlock's password verifier (issue 10, PCI DSS 8.2.8 offline): derived on
// the device from the password typed at an online sign-in, never the server's scrypt
// hash and never the password. PBKDF2-SHA256 because WebCrypto has it everywhere
// (scrypt/argon2 would mean shipping a hash to the page); a random salt per device
// and person, so a verifier copied from one phone says nothing about another.
//
// 310,000 iterations: 105 ms on this project's server core (Node's WebCrypto), about
// 3–4× that on a phone-class CPU, inside the 250–500 ms an unlock can take
// (docs/architecture.md, "Offline lock"). The count is stored with each verifier, so
// raising it applies at the person's next online sign-in.
export const PBKDF2_ITERATIONS = 310_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;

export type Verifier = {
	/** base64 */
	salt: string;
	iterations: number;
	/** base64 of the derived 256 bits */
	hash: string;
};

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
	const key = await crypto.subtle.importKey(
		'raw',
		new TextEncoder().encode(password.normalize('NFKC')),
		'PBKDF2',
		false,
		['deriveBits']
	);
	const bits = await crypto.subtle.deriveBits(
		{ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
		key,
		HASH_BITS
	);
	return new Uint8Array(bits);
}

/** A new verifier for `password`, with a fresh random salt. */
export async function deriveVerifier(
	password: string,
	{ iterations = PBKDF2_ITERATIONS }: { iterations?: number } = {}
): Promise<Verifier> {
	const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
	const hash = await derive(password, salt, iterations);
	return { salt: toBase64(salt), iterations, hash: toBase64(hash) };
}

/** Whether `password` is the one the verifier was derived from (compared in constant time). */
export async function checkPassword(password: string, verifier: Verifier): Promise<boolean> {
	const expected = fromBase64(verifier.hash);
	const actual = await derive(password, fromBase64(verifier.salt), verifier.iterations);
	if (actual.length !== expected.length) return false;
	let difference = 0;
	for (let i = 0; i < actual.length; i++) difference |= actual[i]! ^ expected[i]!;
	return difference === 0;
}
