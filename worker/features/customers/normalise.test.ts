import { describe, expect, it } from 'vitest';
import {
	cleanText,
	displayName,
	normaliseCountry,
	normaliseDateOfBirth,
	normaliseEmail,
	normalisePhone,
	normalisePostcode
} from './normalise';

const value = <T>(r: { ok: true; value: T } | { ok: false; error: string }) => {
	if (!r.ok) throw new Error(r.error);
	return r.value;
};
const error = (r: { ok: boolean; error?: string }) => (r.ok ? null : r.error);

describe('text', () => {
	it('trims, joins inner whitespace and composes to NFC', () => {
		expect(cleanText('  Ada \t  Lovelace ')).toBe('Ada Lovelace');
		expect(cleanText('Jose\u0301')).toBe('José');
		expect(cleanText('   ')).toBeNull();
	});

	it('builds the display name from given and family names unless one is given', () => {
		expect(displayName({ givenName: ' Ada ', familyName: 'Lovelace' })).toBe('Ada Lovelace');
		expect(displayName({ name: 'Countess of Lovelace', givenName: 'Ada' })).toBe(
			'Countess of Lovelace'
		);
		expect(displayName({})).toBeNull();
	});
});

describe('email', () => {
	it('case-folds and keeps the original', () => {
		expect(value(normaliseEmail(' Ada.Lovelace@Example.COM '))).toEqual({
			email: 'ada.lovelace@example.com',
			original: 'Ada.Lovelace@Example.COM'
		});
	});

	it('refuses what is not an address, in words', () => {
		expect(error(normaliseEmail('ada@example'))).toMatch(/not an email/);
		expect(error(normaliseEmail('ada example@x.com'))).toMatch(/not an email/);
		expect(error(normaliseEmail(''))).toMatch(/Enter/);
	});
});

describe('phone', () => {
	it('reads every way of typing one number as the same E.164', () => {
		for (const typed of ['+44 20 7946 0018', '020 7946 0018', '020-7946-0018', '(020) 79460018'])
			expect(value(normalisePhone(typed, 'GB')).e164).toBe('+442079460018');
		expect(value(normalisePhone('020 7946 0018', 'GB')).national).toBe('2079460018');
	});

	it('reads a national number in the shop region, and +code numbers anywhere', () => {
		expect(value(normalisePhone('06 12345678', 'NL')).e164).toBe('+31612345678');
		expect(value(normalisePhone('+1 415 555 2671', 'GB')).e164).toBe('+14155552671');
	});

	it('refuses letters and impossible numbers, naming the region', () => {
		expect(error(normalisePhone('call me', 'GB'))).toMatch(/digits/);
		expect(error(normalisePhone('020 79', 'GB'))).toMatch(/not a valid phone number in GB/);
	});
});

describe('postcode', () => {
	it('formats the countries it knows', () => {
		expect(value(normalisePostcode('sw1a1aa', 'GB'))).toEqual({
			postalCode: 'SW1A 1AA',
			postalKey: 'sw1a1aa',
			original: 'sw1a1aa'
		});
		expect(value(normalisePostcode('941051234', 'US')).postalCode).toBe('94105-1234');
		expect(value(normalisePostcode('1012ab', 'NL')).postalCode).toBe('1012 AB');
		expect(value(normalisePostcode(' 10115 ', 'DE')).postalCode).toBe('10115');
		expect(value(normalisePostcode('75001', 'FR')).postalCode).toBe('75001');
	});

	it('refuses a postcode that is not of the country, with an example', () => {
		expect(error(normalisePostcode('12345', 'GB'))).toMatch(/not a GB postcode \(like SW1A 1AA\)/);
		expect(error(normalisePostcode('1234', 'DE'))).toMatch(/not a DE postcode/);
	});

	it('keeps other countries as typed, upper-case', () => {
		expect(value(normalisePostcode('d02 x285', 'IE')).postalCode).toBe('D02 X285');
	});
});

describe('country and date of birth', () => {
	it('takes ISO 3166 two-letter codes in any case', () => {
		expect(value(normaliseCountry('gb'))).toBe('GB');
		expect(error(normaliseCountry('United Kingdom'))).toMatch(/two-letter/);
	});

	it('takes real past dates as YYYY-MM-DD', () => {
		const today = new Date('2026-01-01T00:00:00Z');
		expect(value(normaliseDateOfBirth('1980-04-23', today))).toBe('1980-04-23');
		expect(error(normaliseDateOfBirth('23/04/1980', today))).toMatch(/YYYY-MM-DD/);
		expect(error(normaliseDateOfBirth('1980-02-30', today))).toMatch(/does not exist/);
		expect(error(normaliseDateOfBirth('2030-01-01', today))).toMatch(/between 1900 and today/);
	});
});
