// EAN-13 (GS1 General Specifications §7.9): twelve digits plus a check digit. Scanned
// barcodes are checked here before a lookup, so a misread never matches the wrong product.

/** The GS1 mod-10 check digit for the first 12 digits of an EAN-13. */
export function ean13CheckDigit(first12: string): number {
	if (!/^\d{12}$/.test(first12)) throw new Error('an EAN-13 check digit needs exactly 12 digits');
	let sum = 0;
	for (let i = 0; i < 12; i++) {
		// Weights alternate 1, 3, 1, 3… from the left (3 on the even positions counted from 1).
		sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
	}
	return (10 - (sum % 10)) % 10;
}

/** True when `code` is 13 digits whose last digit is the right check digit. */
export function isValidEan13(code: string): boolean {
	if (!/^\d{13}$/.test(code)) return false;
	return ean13CheckDigit(code.slice(0, 12)) === Number(code[12]);
}

/** Completes 12 digits into a valid EAN-13. */
export function toEan13(first12: string): string {
	return first12 + String(ean13CheckDigit(first12));
}
