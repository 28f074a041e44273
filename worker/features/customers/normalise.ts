import {
	isSupportedCountry,
	parsePhoneNumberFromString,
	type CountryCode
} from 'libphonenumber-js';

// Normalisation on every write (issue 9): what lookups, search and duplicate detection
// compare, with the original kept for display. Pure and synchronous; public to the
// duplicates and import code (eslint.config.js) so every writer stores the same forms.
// A refused value is `{ error }` in words a rep can act on, never an exception: callers
// collect them per field into one 422.

export type Normalised<T> = { ok: true; value: T } | { ok: false; error: string };
const ok = <T>(value: T): Normalised<T> => ({ ok: true, value });
const refuse = <T>(error: string): Normalised<T> => ({ ok: false, error });

/** Trimmed, Unicode NFC, inner runs of whitespace made one space; '' becomes null. */
export function cleanText(raw: string | null | undefined): string | null {
	if (raw == null) return null;
	const text = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
	return text === '' ? null : text;
}

// Deliberately loose (RFC 5321 allows far more than any form should guess at): one @,
// something before it, a dotted domain after it, no spaces.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export type Email = { email: string; original: string };

/** Case-folded (the whole address: mail systems treat local parts case-insensitively in practice). */
export function normaliseEmail(raw: string): Normalised<Email> {
	const original = cleanText(raw);
	if (!original) return refuse('Enter an email address');
	if (original.length > 254) return refuse('An email address has at most 254 characters');
	if (!EMAIL_SHAPE.test(original))
		return refuse('This is not an email address (like name@example.com)');
	return ok({ email: original.toLowerCase(), original });
}

export type Phone = { e164: string; national: string; original: string };

/** E.164 through libphonenumber-js; a number without +country is read in `region`. */
export function normalisePhone(raw: string, region: string): Normalised<Phone> {
	const original = cleanText(raw);
	if (!original) return refuse('Enter a phone number');
	if (!/^[+(]?[0-9][0-9 ().\-/]*$/.test(original))
		return refuse('A phone number has digits, spaces, dashes, brackets and a leading + only');
	const defaultCountry = isCountry(region) ? region : undefined;
	const parsed = parsePhoneNumberFromString(original, { defaultCountry });
	// isPossible (length for the country), not isValid (known number ranges): the metadata
	// lags new ranges, and the demo's Ofcom drama numbers (07700 900xxx) are in no range.
	if (!parsed || !parsed.isPossible()) {
		return refuse(
			original.startsWith('+')
				? 'This is not a valid phone number'
				: `This is not a valid phone number in ${region}: for another country start with + and its code`
		);
	}
	return ok({ e164: parsed.number, national: parsed.nationalNumber, original });
}

function isCountry(code: string): code is CountryCode {
	return /^[A-Z]{2}$/.test(code) && isSupportedCountry(code as CountryCode);
}

/** ISO 3166-1 alpha-2, upper-case ("gb" → "GB"). */
export function normaliseCountry(raw: string): Normalised<string> {
	const code = (cleanText(raw) ?? '').toUpperCase();
	if (!/^[A-Z]{2}$/.test(code) || !isSupportedCountry(code as CountryCode))
		return refuse('Use a two-letter country code such as GB, US, NL, DE or FR');
	return ok(code);
}

export type Postcode = { postalCode: string; postalKey: string; original: string };

type Format = { shape: RegExp; format: (compact: string) => string; example: string };
// Countries whose format we know; elsewhere a postcode is kept as typed (upper-case, trimmed).
const POSTCODES: Record<string, Format> = {
	// Royal Mail: outward code, space, inward code (always digit + two letters).
	GB: {
		shape: /^[A-Z]{1,2}[0-9][0-9A-Z]?[0-9][A-Z]{2}$/,
		format: (c) => `${c.slice(0, -3)} ${c.slice(-3)}`,
		example: 'SW1A 1AA'
	},
	US: {
		shape: /^[0-9]{5}([0-9]{4})?$/,
		format: (c) => (c.length === 9 ? `${c.slice(0, 5)}-${c.slice(5)}` : c),
		example: '94105 or 94105-1234'
	},
	NL: {
		shape: /^[1-9][0-9]{3}[A-Z]{2}$/,
		format: (c) => `${c.slice(0, 4)} ${c.slice(4)}`,
		example: '1012 AB'
	},
	DE: { shape: /^[0-9]{5}$/, format: (c) => c, example: '10115' },
	FR: { shape: /^[0-9]{5}$/, format: (c) => c, example: '75001' }
};

/** Formatted for the country where known; `postalKey` (lower-case, letters and digits) is what search compares. */
export function normalisePostcode(raw: string, country: string): Normalised<Postcode> {
	const original = cleanText(raw);
	if (!original) return refuse('Enter a postcode');
	const compact = original.toUpperCase().replace(/[\s-]/g, '');
	if (!/^[A-Z0-9]{2,10}$/.test(compact))
		return refuse('A postcode has letters, digits, spaces and dashes only');
	const known = POSTCODES[country];
	if (known && !known.shape.test(compact))
		return refuse(`This is not a ${country} postcode (like ${known.example})`);
	const postalCode = known ? known.format(compact) : original.toUpperCase();
	return ok({ postalCode, postalKey: compact.toLowerCase(), original });
}

/** A real calendar date, YYYY-MM-DD, not in the future and not before 1900. */
export function normaliseDateOfBirth(raw: string, today: Date): Normalised<string> {
	const text = cleanText(raw) ?? '';
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!m) return refuse('Write the date as YYYY-MM-DD, e.g. 1980-04-23');
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const date = new Date(Date.UTC(y, mo - 1, d));
	if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d)
		return refuse('This date does not exist');
	if (y < 1900 || date.getTime() > today.getTime())
		return refuse('A date of birth is between 1900 and today');
	return ok(text);
}

/** The display name: given and family names, or what was given as `name`. */
export function displayName(parts: {
	name?: string | null;
	givenName?: string | null;
	familyName?: string | null;
}): string | null {
	const joined = [parts.givenName, parts.familyName].map(cleanText).filter(Boolean).join(' ');
	return cleanText(parts.name) ?? (joined || null);
}
