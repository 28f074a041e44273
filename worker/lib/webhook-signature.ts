// Ordo's outbound webhook signature, Stripe's scheme under Ordo's name:
// `Ordo-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`, the key
// being the endpoint's secret string as UTF-8. Web Crypto only, so Ordo signs in workerd
// and Node alike; docs/webhooks.md shows receivers how to verify it.

export const SIGNATURE_HEADER = 'Ordo-Signature';

/** The replay window we advise receivers to keep (seconds either way). */
export const SIGNATURE_TOLERANCE_S = 300;

const encoder = new TextEncoder();

export async function hmacSha256Hex(secret: string, message: string): Promise<string> {
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

/** The header value for `body` signed at `atMs` (epoch ms). */
export async function signWebhook(secret: string, body: string, atMs: number): Promise<string> {
	const t = Math.floor(atMs / 1000);
	return `t=${t},v1=${await hmacSha256Hex(secret, `${t}.${body}`)}`;
}

function constantTimeEqual(a: string, b: string): boolean {
	let diff = a.length ^ b.length;
	for (let i = 0; i < Math.max(a.length, b.length); i++) {
		diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
	}
	return diff === 0;
}

/**
 * What a receiver does (the reference for docs/webhooks.md): the timestamp within the
 * window, then any `v1` equal to the HMAC of `<t>.<raw body>`, compared in constant time.
 */
export async function verifyWebhook(
	secret: string,
	body: string,
	header: string | null,
	nowMs: number,
	toleranceS = SIGNATURE_TOLERANCE_S
): Promise<boolean> {
	const parts = (header ?? '').split(',').map((p) => p.trim().split('='));
	const t = parts.find(([k]) => k === 't')?.[1];
	if (!t || !/^\d{1,12}$/.test(t)) return false;
	if (Math.abs(Math.floor(nowMs / 1000) - Number(t)) > toleranceS) return false;
	const expected = await hmacSha256Hex(secret, `${t}.${body}`);
	return parts.some(([k, v]) => k === 'v1' && v !== undefined && constantTimeEqual(v, expected));
}

/** A new endpoint secret: `whsec_` and 32 random bytes as hex. */
export function generateWebhookSecret(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(32));
	return `whsec_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
