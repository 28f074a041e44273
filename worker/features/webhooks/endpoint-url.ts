// Where Ordo may send webhooks (OWASP SSRF prevention). An endpoint is an outside system:
// https only, and never an address inside the network Ordo runs in (loopback, private,
// link-local, cloud metadata at 169.254.169.254). `allowPrivate` is the dev/test flag
// ORDO_WEBHOOKS_ALLOW_PRIVATE=1: it admits http://localhost and private addresses for a
// receiver on the same machine. The check reads the URL as written; a public name that
// resolves to a private address is not caught here (Workers cannot resolve names, and
// Cloudflare's fetch does not reach private networks; under Node see docs/webhooks.md).

export type UrlCheck = { ok: true; url: string } | { ok: false; reason: string };

const PRIVATE_NAMES = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/;

function privateIpv4(host: string): boolean {
	const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
	if (!m) return false;
	const [a, b] = [Number(m[1]), Number(m[2])];
	return (
		a === 0 ||
		a === 10 ||
		a === 127 ||
		(a === 100 && b >= 64 && b <= 127) ||
		(a === 169 && b === 254) ||
		(a === 172 && b >= 16 && b <= 31) ||
		(a === 192 && b === 168) ||
		(a === 198 && (b === 18 || b === 19)) ||
		a >= 224
	);
}

function privateIpv6(host: string): boolean {
	if (!host.startsWith('[')) return false;
	const h = host.slice(1, -1).toLowerCase();
	if (h === '::' || h === '::1') return true;
	if (h.startsWith('::ffff:')) return true; // IPv4-mapped: judge as its IPv4, refuse
	return /^(f[cd]|fe[89ab])/.test(h);
}

export function isPrivateHost(hostname: string): boolean {
	const host = hostname.toLowerCase().replace(/\.$/, '');
	return PRIVATE_NAMES.test(host) || privateIpv4(host) || privateIpv6(host) || !host.includes('.');
}

export function checkEndpointUrl(
	raw: string,
	{ allowPrivate }: { allowPrivate: boolean }
): UrlCheck {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return { ok: false, reason: 'Enter a full address starting with https://' };
	}
	if (url.username || url.password)
		return { ok: false, reason: 'Put no user name or password in the address' };
	if (url.hash) return { ok: false, reason: 'An address with a #fragment is not sent anywhere' };
	const local = isPrivateHost(url.hostname);
	if (local && !allowPrivate)
		return {
			ok: false,
			reason: 'Ordo sends webhooks only to public addresses, not to this network'
		};
	if (url.protocol === 'http:' && !(allowPrivate && local))
		return {
			ok: false,
			reason: 'Use https:// (http is allowed only for localhost in development)'
		};
	if (url.protocol !== 'https:' && url.protocol !== 'http:')
		return { ok: false, reason: 'Use an https:// address' };
	return { ok: true, url: url.href };
}

/** The dev/test flag, from the Worker's bindings or the process env. */
export function allowsPrivate(env: { ORDO_WEBHOOKS_ALLOW_PRIVATE?: string } | undefined): boolean {
	return env?.ORDO_WEBHOOKS_ALLOW_PRIVATE === '1';
}
