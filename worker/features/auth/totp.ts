import { createTOTPKeyURI, verifyHOTP } from '@oslojs/otp';

// RFC 6238 defaults, the only ones every authenticator app honours: 30 s steps, 6 digits,
// HMAC-SHA1. RFC 4226 section 4 asks for a 160-bit shared secret.
const STEP_SECONDS = 30;
const DIGITS = 6;
const SECRET_BYTES = 20;
// RFC 6238 section 5.2: accept one step either side for clock drift, and no more, so a
// shoulder-surfed code is useless within about a minute.
const DRIFT_STEPS = 1;

export type TotpResult = { ok: true; step: number } | { ok: false };

/** A fresh 160-bit TOTP secret (PCI DSS 8.4.2: MFA for admins and managers). */
export function createTotpSecret(): Uint8Array {
	return crypto.getRandomValues(new Uint8Array(SECRET_BYTES));
}

/** The otpauth:// URI an authenticator app reads from a QR code. */
export function totpUri({
	secret,
	accountName,
	issuer = 'Ordo'
}: {
	secret: Uint8Array;
	accountName: string;
	issuer?: string;
}): string {
	return createTOTPKeyURI(issuer, accountName, secret, STEP_SECONDS, DIGITS);
}

/**
 * Checks a 6-digit code against the current step and one either side. On success returns
 * the step that matched: store it and pass it back as `lastStep` next time, so the same
 * code (or an older one) cannot be replayed (RFC 6238 section 5.2, OWASP MFA cheat sheet).
 */
export function verifyTotp({
	secret,
	code,
	now = Date.now(),
	lastStep
}: {
	secret: Uint8Array;
	code: string;
	now?: number;
	lastStep?: number;
}): TotpResult {
	const trimmed = code.replace(/\s/g, '');
	if (!/^\d{6}$/.test(trimmed)) return { ok: false };
	const current = Math.floor(now / 1000 / STEP_SECONDS);
	for (let step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
		if (step < 0 || (lastStep !== undefined && step <= lastStep)) continue;
		if (verifyHOTP(secret, BigInt(step), DIGITS, trimmed)) return { ok: true, step };
	}
	return { ok: false };
}
