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

// Digit groups joined by single spaces or dashes ("4111 1111-1111 1111"). Separators are
// mandatory between groups, so the pattern cannot backtrack catastrophically on long text.
const DIGIT_RUN = /\d+(?:[ -]\d+)*/g;
const DIGIT_GROUP = /\d+/g;

type Group = { start: number; end: number; digits: string };

/** Every card number in the text, left to right, with its position and plain digits. */
export function findCardNumbers(text: string): CardNumberMatch[] {
	const found: CardNumberMatch[] = [];
	for (const run of text.matchAll(DIGIT_RUN)) {
		const groups = Array.from(run[0].matchAll(DIGIT_GROUP), (group) => ({
			start: run.index + group.index,
			end: run.index + group.index + group[0].length,
			digits: group[0]
		}));
		found.push(...cardsInRun(groups));
	}
	return found;
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
	let best: { match: CardNumberMatch; next: number } | undefined;
	for (let last = first; last < groups.length; last++) {
		digits += groups[last]!.digits;
		if (digits.length > MAX_LENGTH) break;
		const brand = cardBrand(digits);
		if (brand) {
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

function passesLuhn(digits: string): boolean {
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		let digit = Number(digits[digits.length - 1 - i]);
		if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
		sum += digit;
	}
	return sum % 10 === 0;
}
