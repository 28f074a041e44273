// Headers every response carries (OWASP ASVS 5 V3.4). Pages get their CSP from
// SvelteKit (kit.csp in svelte.config.js, nonces and hashes for its inline boot
// script); API responses are data, so their CSP forbids everything.
export const SECURITY_HEADERS: Record<string, string> = {
	'strict-transport-security': 'max-age=63072000; includeSubDomains',
	'referrer-policy': 'no-referrer',
	// The camera is for barcode scanning on Ordo's own pages only (DESIGN §4).
	'permissions-policy':
		'camera=(self), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
	'x-content-type-options': 'nosniff',
	'x-frame-options': 'DENY',
	'cross-origin-opener-policy': 'same-origin'
};

export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

export function applySecurityHeaders(headers: Headers, { api }: { api: boolean }): void {
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
	if (api) {
		headers.set('content-security-policy', API_CSP);
		// Personal data must not sit in shared or browser caches (PCI DSS 3.2).
		if (!headers.has('cache-control')) headers.set('cache-control', 'no-store');
	}
}
