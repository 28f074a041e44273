import { scryptAsync } from '@noble/hashes/scrypt.js';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeBase64IgnorePadding, encodeBase64NoPadding } from '@oslojs/encoding';

// OWASP Password Storage Cheat Sheet lists scrypt N=2^17,r=8,p=1 (128 MiB) and equivalents
// that trade memory for passes. A Worker has 128 MB for everything, so we take the
// N=2^14 (ln=14), r=8, p=5 row: 16 MiB per hash (128 * N * r bytes; p runs sequentially).
// Memory-hard and runnable in Workers, as DESIGN.md section 6 and PCI DSS 8.3.2 require.
const CURRENT = { ln: 14, r: 8, p: 5 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;

// A stored hash is data we read back, so a tampered or corrupt row must not make us
// spend unbounded CPU or memory: anything past these ceilings is treated as invalid.
const MAX = { ln: 20, r: 32, p: 16 } as const;

type ScryptParams = { ln: number; r: number; p: number };
type ParsedHash = ScryptParams & { salt: Uint8Array; key: Uint8Array };

/** Hashes a password into a PHC string: `$scrypt$ln=14,r=8,p=5$<salt>$<key>` (base64). */
export async function hashPassword(password: string): Promise<string> {
	const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
	const key = await derive(password, salt, { ...CURRENT, dkLen: KEY_BYTES });
	return format({ ...CURRENT, salt, key });
}

/** True when `password` matches `hash`; a malformed hash is a non-match, never a throw. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
	const parsed = parse(hash);
	if (!parsed) return false;
	const key = await derive(password, parsed.salt, { ...parsed, dkLen: parsed.key.length });
	// Constant-time so response timing reveals nothing about how much of the key matched.
	return constantTimeEqual(key, parsed.key);
}

/** True when the hash was made with other parameters than today's, so the caller should
 * re-hash the password on the next successful login (OWASP: upgrading the work factor). */
export function needsRehash(hash: string): boolean {
	const parsed = parse(hash);
	if (!parsed) return true;
	return (
		parsed.ln !== CURRENT.ln ||
		parsed.r !== CURRENT.r ||
		parsed.p !== CURRENT.p ||
		parsed.key.length !== KEY_BYTES
	);
}

function derive(
	password: string,
	salt: Uint8Array,
	params: ScryptParams & { dkLen: number }
): Promise<Uint8Array> {
	// NIST SP 800-63B 5.1.1.2: normalise Unicode so the same password typed on another
	// keyboard or OS (composed vs decomposed accents) still matches.
	const bytes = new TextEncoder().encode(password.normalize('NFKC'));
	return scryptAsync(bytes, salt, {
		N: 2 ** params.ln,
		r: params.r,
		p: params.p,
		dkLen: params.dkLen
	});
}

function format({ ln, r, p, salt, key }: ParsedHash): string {
	return `$scrypt$ln=${ln},r=${r},p=${p}$${encodeBase64NoPadding(salt)}$${encodeBase64NoPadding(key)}`;
}

const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,3}),p=(\d{1,3})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

function parse(hash: string): ParsedHash | null {
	const match = PHC.exec(hash);
	if (!match) return null;
	const [, ln, r, p, salt, key] = match as unknown as [
		string,
		string,
		string,
		string,
		string,
		string
	];
	const params = { ln: Number(ln), r: Number(r), p: Number(p) };
	if (params.ln < 1 || params.ln > MAX.ln) return null;
	if (params.r < 1 || params.r > MAX.r || params.p < 1 || params.p > MAX.p) return null;
	try {
		const bytes = { salt: decodeBase64IgnorePadding(salt), key: decodeBase64IgnorePadding(key) };
		if (bytes.salt.length < SALT_BYTES || bytes.key.length < 16 || bytes.key.length > 64)
			return null;
		return { ...params, ...bytes };
	} catch {
		return null;
	}
}
