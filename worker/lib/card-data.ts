// The one detector for card numbers (PANs) in free text. Ordo is SAQ A: a PAN must never
// be stored (PCI DSS 3.3, 3.4), so notes, case messages, addresses and imports pass
// through here and are refused or masked. Order numbers, phone numbers and barcodes must
// not trip it, or staff learn to work around it.

export type CardBrand =
	'visa' | 'mastercard' | 'amex' | 'discover' | 'jcb' | 'diners' | 'unionpay' | 'maestro';

export type CardNumberMatch = { start: number; end: number; digits: string; brand: CardBrand };

// Prefixes are IIN ranges written 'from-to' (or one value); from and to have equal length.
type Brand = { brand: CardBrand; prefixes: string[]; lengths: number[] };

const range = (from: number, to: number) =>
	Array.from({ length: to - from + 1 }, (_, i) => from + i);

// IIN ranges and lengths as the schemes publish them, with two deliberate cuts: no
// 13-digit Visa (retired decades ago) and no Maestro under 16 digits (not issued today).
// A 13-digit run is far likelier an EAN-13 barcode, and GS1 prefixes 40-49 and 50-69
// overlap Visa and Maestro, so ~1 in 10 product barcodes would otherwise be flagged.
const BRANDS: Brand[] = [
	{ brand: 'visa', prefixes: ['4'], lengths: [16, 19] },
	{ brand: 'mastercard', prefixes: ['51-55', '2221-2720'], lengths: [16] },
	{ brand: 'amex', prefixes: ['34', '37'], lengths: [15] },
	{ brand: 'discover', prefixes: ['6011', '644-649', '65'], lengths: range(16, 19) },
	{ brand: 'jcb', prefixes: ['3528-3589'], lengths: range(16, 19) },
	{ brand: 'diners', prefixes: ['300-305', '36', '38-39'], lengths: range(14, 19) },
	{ brand: 'unionpay', prefixes: ['62'], lengths: range(16, 19) },
	{ brand: 'maestro', prefixes: ['50', '56-69'], lengths: range(16, 19) }
];

const MIN_LENGTH = 13;
const MAX_LENGTH = 19;

// Digit groups joined by a short run (1-3) of anything that is neither a letter nor a
// number: spaces of every width, tabs, line breaks, dots, slashes, underscores, commas,
// dashes of every kind, parentheses, " - ". People (and people dodging a check) write a
// card every one of these ways; letters end a run, so words never glue numbers together.
// Separators and digits are disjoint classes, so the pattern cannot backtrack badly.
const DIGIT_RUN = /\d+(?:[^\p{L}\p{N}]{1,3}\d+)*/gu;
const DIGIT_GROUP = /\d+/g;
const ASCII = /^\p{ASCII}*$/u;
// Characters that show nothing between two digits: format characters (zero-width space,
// soft hyphen, joiners, BOM), combining and enclosing marks (a combining low line under each
// digit, variation selectors, the keycap 4️⃣) and the Hangul fillers, which are letters that
// draw as blanks. Each of these let a card through before (found by an attacker's pass).
const INVISIBLE = /^[\p{Cf}\p{Mn}\p{Me}\u115F\u1160\u3164\uFFA0]$/u;
const DECIMAL_DIGIT = /^\p{Nd}$/u;

// `plain`: joined to the group before by one space or one dash, the way cards are printed
// and read out. Any other separator (dots, commas, tabs, two spaces…) is also how dates,
// times, amounts and spreadsheet rows are written, so across those a card is taken only
// when every group has at least 3 digits, as every card grouping in use does (4-4-4-4,
// 4-6-5, 4-6-4, 4-4-4-4-3). Measured on the 42,481 rows of the Online Retail CSV, each row
// read as one text: 1,360 flagged without this rule (quantity + date + time + price glued
// together), none with it.
type Group = { start: number; end: number; digits: string; plain: boolean };

const PLAIN_SEPARATOR = /^[\p{Zs}\-\u2010-\u2015\u2212]$/u;
const MIN_GROUP_ACROSS_OTHER_SEPARATORS = 3;

// The text as the detector reads it, with where each of its characters came from, so a
// match can be masked in the original: Unicode format characters (zero-width space, soft
// hyphen, joiners, BOM) dropped, each character NFKC-normalised (full-width and
// mathematical digits become 0-9) and any other script's decimal digit read as its value.
type Normalised = { text: string; from: number[]; to: number[] };

function normalise(text: string): Normalised {
	if (ASCII.test(text)) {
		const index = Array.from({ length: text.length + 1 }, (_, i) => i);
		return { text, from: index, to: index.slice(1) };
	}
	let out = '';
	const from: number[] = [];
	const to: number[] = [];
	for (let i = 0; i < text.length;) {
		const char = String.fromCodePoint(text.codePointAt(i)!);
		const next = i + char.length;
		if (!INVISIBLE.test(char)) {
			const read = asciiDigit(char.normalize('NFKC'));
			for (let k = 0; k < read.length; k++) {
				from.push(i);
				to.push(next);
			}
			out += read;
		}
		i = next;
	}
	return { text: out, from, to };
}

// Unicode puts each script's digits 0-9 in ten consecutive code points, so a digit's value
// is how many digits stand right before it in its block (NFKC has already folded the
// adjacent mathematical blocks to ASCII).
function asciiDigit(char: string): string {
	if (char.length === 0 || char.length > 2 || !DECIMAL_DIGIT.test(char) || /\d/.test(char))
		return char;
	const code = char.codePointAt(0)!;
	let value = 0;
	while (value < 9 && DECIMAL_DIGIT.test(String.fromCodePoint(code - value - 1))) value++;
	return String(value);
}

/** Every card number in the text, left to right, with its position and plain digits. */
export function findCardNumbers(text: string): CardNumberMatch[] {
	const { text: plain, from, to } = normalise(text);
	const cards: CardNumberMatch[] = [];
	for (const run of plain.matchAll(DIGIT_RUN)) {
		const found = [...run[0].matchAll(DIGIT_GROUP)];
		const groups = found.map((group, i) => ({
			start: run.index + group.index,
			end: run.index + group.index + group[0].length,
			digits: group[0],
			plain:
				i === 0 ||
				PLAIN_SEPARATOR.test(
					run[0].slice(found[i - 1]!.index + found[i - 1]![0].length, group.index)
				)
		}));
		for (const card of cardsInRun(groups)) {
			cards.push({ ...card, start: from[card.start]!, end: to[card.end - 1]! });
		}
	}
	return cards;
}

export function containsCardNumber(text: string): boolean {
	return findCardNumbers(text).length > 0;
}

/** Replaces each card number with its digits masked to first 6 / last 4 (PCI DSS 3.4.1). */
export function maskCardNumbers(text: string): string {
	let masked = '';
	let from = 0;
	for (const { start, end, digits } of findCardNumbers(text)) {
		const hidden = '*'.repeat(digits.length - 10);
		masked += text.slice(from, start) + digits.slice(0, 6) + hidden + digits.slice(-4);
		from = end;
	}
	return masked + text.slice(from);
}

// A run may hold a card beside other numbers ("call 07700 900123 4111 1111 1111 1111"), so
// try every span of whole groups, longest first from each start. Never split a group: a
// card inside an unbroken 20-digit reference is not a card.
function cardsInRun(groups: Group[]): CardNumberMatch[] {
	const found: CardNumberMatch[] = [];
	let i = 0;
	while (i < groups.length) {
		const card = longestCardFrom(groups, i);
		if (card) {
			found.push(card.match);
			i = card.next;
		} else {
			i++;
		}
	}
	return found;
}

function longestCardFrom(groups: Group[], first: number) {
	let digits = '';
	let plain = true;
	let shortest = Infinity;
	let best: { match: CardNumberMatch; next: number } | undefined;
	for (let last = first; last < groups.length; last++) {
		const group = groups[last]!;
		digits += group.digits;
		if (digits.length > MAX_LENGTH) break;
		if (last > first) plain &&= group.plain;
		shortest = Math.min(shortest, group.digits.length);
		if (!plain && shortest < MIN_GROUP_ACROSS_OTHER_SEPARATORS) continue;
		const brand = cardBrand(digits);
		if (brand && !(first === last && isGs1Code(digits))) {
			const match = { start: groups[first]!.start, end: groups[last]!.end, digits, brand };
			best = { match, next: last + 1 };
		}
	}
	return best;
}

function cardBrand(digits: string): CardBrand | null {
	if (digits.length < MIN_LENGTH || digits.length > MAX_LENGTH) return null;
	const brand = BRANDS.find(
		({ prefixes, lengths }) =>
			lengths.includes(digits.length) &&
			prefixes.some((span) => {
				const [from = '', to = from] = span.split('-');
				const prefix = digits.slice(0, from.length);
				return prefix >= from && prefix <= to;
			})
	);
	return brand && passesLuhn(digits) ? brand.brand : null;
}

// GTIN-14 case codes and SSCC-18 pallet labels are printed as one unbroken number and
// carry a GS1 mod-10 check digit; ~1 in 10 also passes Luhn, and those starting 300-305,
// 36 or 38-39 (or 6x, for SSCC) would look like Diners or Maestro. An unbroken number
// with a valid GS1 check digit is taken for the barcode; the same digits written in
// groups (as a card is) are still a card.
function isGs1Code(digits: string): boolean {
	if (digits.length !== 14 && digits.length !== 18) return false;
	let sum = 0;
	for (let i = digits.length - 2, weight = 3; i >= 0; i--, weight = 4 - weight) {
		sum += Number(digits[i]) * weight;
	}
	return (10 - (sum % 10)) % 10 === Number(digits.at(-1));
}

function passesLuhn(digits: string): boolean {
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		let digit = Number(digits[digits.length - 1 - i]);
		if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
		sum += digit;
	}
	return sum % 10 === 0;
}
