import { describe, expect, it } from 'vitest';
import { createTotpSecret, totpUri, verifyTotp } from './totp';

// RFC 6238 appendix B: the SHA-1 secret is the ASCII "12345678901234567890"; the 6-digit
// codes are the last six digits of the published 8-digit ones.
const RFC_SECRET = new TextEncoder().encode('12345678901234567890');
const at = (seconds: number) => seconds * 1000;

describe('createTotpSecret', () => {
	it('returns 20 random bytes, different each time', () => {
		const a = createTotpSecret();
		expect(a).toHaveLength(20);
		expect(a).not.toEqual(createTotpSecret());
	});
});

describe('totpUri', () => {
	it('names Ordo as issuer and carries the base32 secret and standard parameters', () => {
		const uri = new URL(totpUri({ secret: RFC_SECRET, accountName: 'jane@example.com' }));
		expect(uri.protocol).toBe('otpauth:');
		expect(uri.host).toBe('totp');
		expect(decodeURIComponent(uri.pathname)).toBe('/Ordo:jane@example.com');
		expect(uri.searchParams.get('issuer')).toBe('Ordo');
		expect(uri.searchParams.get('secret')).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
		expect(uri.searchParams.get('period')).toBe('30');
		expect(uri.searchParams.get('digits')).toBe('6');
	});
});

describe('verifyTotp', () => {
	it.each([
		[59, '287082', 1],
		[1111111109, '081804', 37037036],
		[1234567890, '005924', 41152263],
		[2000000000, '279037', 66666666]
	])('accepts the RFC 6238 code at t=%i and returns its step', (seconds, code, step) => {
		expect(verifyTotp({ secret: RFC_SECRET, code, now: at(seconds) })).toEqual({ ok: true, step });
	});

	it('accepts a code one step early or late for clock drift', () => {
		expect(verifyTotp({ secret: RFC_SECRET, code: '287082', now: at(89) })).toEqual({
			ok: true,
			step: 1
		});
		expect(verifyTotp({ secret: RFC_SECRET, code: '287082', now: at(0) })).toEqual({
			ok: true,
			step: 1
		});
	});

	it('refuses a code two steps old', () => {
		expect(verifyTotp({ secret: RFC_SECRET, code: '287082', now: at(90) })).toEqual({ ok: false });
	});

	it('refuses a replay of the step that was already used', () => {
		const first = verifyTotp({ secret: RFC_SECRET, code: '287082', now: at(59) });
		expect(first).toEqual({ ok: true, step: 1 });
		const replay = verifyTotp({ secret: RFC_SECRET, code: '287082', now: at(65), lastStep: 1 });
		expect(replay).toEqual({ ok: false });
	});

	it('tolerates spaces typed inside the code', () => {
		expect(verifyTotp({ secret: RFC_SECRET, code: '287 082', now: at(59) }).ok).toBe(true);
	});

	it.each(['', '28708', '2870820', 'abcdef', '287082\n1'])(
		'refuses the malformed code %j',
		(code) => {
			expect(verifyTotp({ secret: RFC_SECRET, code, now: at(59) })).toEqual({ ok: false });
		}
	);

	it('refuses a right-looking code made with another secret', () => {
		const other = new TextEncoder().encode('09876543210987654321');
		expect(verifyTotp({ secret: other, code: '287082', now: at(59) }).ok).toBe(false);
	});
});
