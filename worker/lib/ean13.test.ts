import { describe, expect, it } from 'vitest';
import { ean13CheckDigit, isValidEan13, toEan13 } from './ean13';

// Barcodes printed on real products and in GS1's own examples.
const REAL = ['4006381333931', '5012345678900', '9780201379624', '5000159407236', '0012345678905'];

describe('ean13CheckDigit', () => {
	it.each(REAL)('computes the printed check digit of %s', (code) => {
		expect(ean13CheckDigit(code.slice(0, 12))).toBe(Number(code[12]));
	});

	it('gives 0 when the weighted sum is already a multiple of ten', () => {
		expect(ean13CheckDigit('501234567890')).toBe(0);
	});

	it.each(['12345', '5012345678901', '50123456789a'])('refuses %j (not 12 digits)', (bad) => {
		expect(() => ean13CheckDigit(bad)).toThrow(/12 digits/);
	});
});

describe('isValidEan13', () => {
	it.each(REAL)('accepts the real barcode %s', (code) => {
		expect(isValidEan13(code)).toBe(true);
	});

	it('refuses a barcode with one digit misread', () => {
		expect(isValidEan13('4006381333932')).toBe(false);
		expect(isValidEan13('4006381339931')).toBe(false);
	});

	it('refuses two neighbouring digits swapped (the commonest keying error)', () => {
		expect(isValidEan13('4006383133931')).toBe(false);
	});

	it.each(['', '400638133393', '40063813339310', '400638133393x', ' 4006381333931'])(
		'refuses the malformed %j',
		(bad) => {
			expect(isValidEan13(bad)).toBe(false);
		}
	);
});

describe('toEan13', () => {
	it('completes 12 digits into a valid barcode', () => {
		expect(toEan13('978020137962')).toBe('9780201379624');
		expect(isValidEan13(toEan13('500000000001'))).toBe(true);
	});
});
