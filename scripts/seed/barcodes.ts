import { toEan13 } from '../../worker/lib/ean13';

// GS1 UK hands out company prefixes starting 50; the ten digits after it are ours to
// number. The first of them says where the rest came from, so the spaces cannot collide:
// 0 = a CSV stock code encoded digit by digit, 1 = any other code (hashed), 9 = synthetic.
const GS1_UK = '50';

function letterPair(letters: string): string {
	// A=01 … Z=26, none = 00: injective for the 0–2 letter suffixes the stock codes use.
	const code = (i: number) => String(letters.charCodeAt(i) - 64 || 0).padStart(2, '0');
	return (letters[0] ? code(0) : '00') + (letters[1] ? code(1) : '00');
}

function fnv1a(text: string): number {
	let hash = 0x811c9dc5;
	for (const ch of text) {
		hash ^= ch.codePointAt(0)!;
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash;
}

/**
 * A barcode for each stock code, deterministic. Codes shaped like the shop's own
 * ("85123A", "15056BL") are encoded exactly; others are hashed, and a collision takes
 * the next free number, so `codes` must come in a fixed order.
 */
export function barcodesForStockCodes(codes: readonly string[]): Map<string, string> {
	const out = new Map<string, string>();
	const taken = new Set<string>();
	for (const code of codes) {
		const shaped = /^(\d{5})([A-Z]{0,2})$/.exec(code);
		let body = shaped ? `0${shaped[1]}${letterPair(shaped[2]!)}` : '';
		if (!shaped) {
			let n = fnv1a(code) % 1_000_000_000;
			while (taken.has(`1${String(n).padStart(9, '0')}`)) n = (n + 1) % 1_000_000_000;
			body = `1${String(n).padStart(9, '0')}`;
		}
		taken.add(body);
		out.set(code, toEan13(GS1_UK + body));
	}
	return out;
}

/** The barcode of the n-th synthetic product (n < 10⁹). */
export function syntheticBarcode(n: number): string {
	return toEan13(`${GS1_UK}9${String(n).padStart(9, '0')}`);
}
