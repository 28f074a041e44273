import { doubleMetaphone } from 'double-metaphone';
import { formalName } from './nicknames';

/** What the duplicate finder reads of a customer: the normalised fields the profile stores. */
export interface MatchInput {
	id: string;
	givenName: string | null;
	familyName: string | null;
	/** Case-folded. */
	emails: readonly string[];
	/** E.164. */
	phones: readonly string[];
	addresses: readonly { line1: string | null; postcode: string | null }[];
	/** YYYY-MM-DD. */
	dateOfBirth: string | null;
}

/** A customer prepared once for many comparisons: folded names, phonetic codes, keys. */
export interface Prepared {
	id: string;
	given: string;
	family: string;
	givenSound: string;
	familySound: string;
	emails: readonly string[];
	/** Each email's name before the @, in the order of emails. */
	emailNames: readonly string[];
	phones: readonly string[];
	postcodes: readonly string[];
	lines: readonly string[];
	dob: string | null;
}

/** Printable ASCII: what NFKD leaves as it is and what [a-z] covers once lower-cased. */
const ASCII = /^[ -~]*$/;

/**
 * Folds a name for comparison: NFKD without the combining marks (Zoë = Zoe), lower case,
 * letters only, so "O'Brien" = "OBrien" and "Smith-Jones" = "smithjones".
 */
export function foldName(name: string | null): string {
	if (!name) return '';
	// Plain ASCII (most names) needs no decomposition: the same result without \p{…} regexes.
	if (ASCII.test(name)) return name.toLowerCase().replace(/[^a-z]/g, '');
	return name
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}]/gu, '');
}

/** Folds an address line: lower case, letters and digits, one space between words. */
export function foldLine(line: string | null): string {
	if (!line) return '';
	if (ASCII.test(line))
		return line
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, ' ')
			.trim();
	return line
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

function foldPostcode(postcode: string | null): string {
	return postcode ? postcode.toUpperCase().replace(/[^A-Z0-9]/g, '') : '';
}

/** Double Metaphone's primary code, over the formal name so Bob and Robert sound alike. */
export function sound(folded: string): string {
	if (!folded) return '';
	let code = sounds.get(folded);
	if (code === undefined) {
		// Names repeat (a million customers share a few thousand given names): remember the
		// codes, within a bound so a scan of unusual names cannot grow it without end.
		if (sounds.size >= SOUNDS_KEPT) sounds.clear();
		code = doubleMetaphone(folded)[0];
		sounds.set(folded, code);
	}
	return code;
}

const SOUNDS_KEPT = 200_000;
const sounds = new Map<string, string>();

export function prepare(input: MatchInput): Prepared {
	const given = foldName(input.givenName);
	const family = foldName(input.familyName);
	return {
		id: input.id,
		given,
		family,
		givenSound: sound(formalName(given)),
		familySound: sound(family),
		emails: input.emails,
		emailNames: input.emails.map((e) => e.slice(0, e.lastIndexOf('@'))),
		phones: input.phones,
		postcodes: [...new Set(input.addresses.map((a) => foldPostcode(a.postcode)).filter(Boolean))],
		lines: [...new Set(input.addresses.map((a) => foldLine(a.line1)).filter(Boolean))],
		dob: input.dateOfBirth
	};
}
