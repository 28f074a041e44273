// Stripe's webhook signature, which the sandbox uses too: `Stripe-Signature:
// t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. Web Crypto only, so the
// same code signs in the sandbox server (Node) and verifies in workerd.

/** Seconds either way: older is a replay, newer is a forged or badly skewed clock. */
export const SIGNATURE_TOLERANCE_S = 300;

const encoder = new TextEncoder();

async function hmacHex(secret: string, message: string): Promise<string> {
	const key = await crypto.subtle.importKey(
		'raw',
		encoder.encode(secret),
		{ name: 'HMAC', hash: 'SHA-256' },
		false,
		['sign']
	);
	const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
	return Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The header value for a body signed at `at` (epoch ms). */
export async function signPayload(secret: string, body: string, at: number): Promise<string> {
	const t = Math.floor(at / 1000);
	return `t=${t},v1=${await hmacHex(secret, `${t}.${body}`)}`;
}

/** Compares every character whatever differs, so the time taken says nothing of the MAC. */
export function constantTimeEqual(a: string, b: string): boolean {
	let diff = a.length ^ b.length;
	for (let i = 0; i < Math.max(a.length, b.length); i++) {
		diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
	}
	return diff === 0;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** The timestamp alone: refused when older or newer than the tolerance. */
export function checkTimestamp(header: string | null, now: number): SignatureCheck {
	const t = Number(/(?:^|,)\s*t=(\d{1,12})(?:,|$)/.exec(header ?? '')?.[1] ?? NaN);
	if (!Number.isFinite(t)) return { ok: false, reason: 'The signature header has no timestamp' };
	const age = Math.floor(now / 1000) - t;
	if (age > SIGNATURE_TOLERANCE_S) return { ok: false, reason: 'The event is too old (replay?)' };
	if (age < -SIGNATURE_TOLERANCE_S)
		return { ok: false, reason: 'The event is dated in the future' };
	return { ok: true };
}

export async function verifySignature(
	secret: string,
	body: string,
	header: string | null,
	now: number
): Promise<SignatureCheck> {
	if (!header) return { ok: false, reason: 'The Stripe-Signature header is missing' };
	const time = checkTimestamp(header, now);
	if (!time.ok) return time;
	const t = /(?:^|,)\s*t=(\d+)/.exec(header)![1]!;
	const expected = await hmacHex(secret, `${t}.${body}`);
	const given = [...header.matchAll(/(?:^|,)\s*v1=([0-9a-f]+)/g)].map((m) => m[1]!);
	let match = false;
	for (const candidate of given) match = constantTimeEqual(candidate, expected) || match;
	return match ? { ok: true } : { ok: false, reason: 'The signature does not match' };
}
