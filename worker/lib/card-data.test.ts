import { describe, expect, it } from 'vitest';
import { containsCardNumber, findCardNumbers, maskCardNumbers } from './card-data';

// The schemes' and processors' published test PANs: Luhn-valid, in real IIN ranges.
const TEST_PANS = [
	['visa', '4111111111111111'],
	['visa', '4242424242424242'],
	['visa', '4000056655665556'],
	['mastercard', '5555555555554444'],
	['mastercard', '2223003122003222'],
	['mastercard', '5105105105105100'],
	['amex', '378282246310005'],
	['amex', '371449635398431'],
	['discover', '6011111111111117'],
	['discover', '6011000990139424'],
	['diners', '3056930009020004'],
	['diners', '36227206271667'],
	['jcb', '3566002020360505'],
	['unionpay', '6200000000000005'],
	['maestro', '6759649826438453']
] as const;

const grouped = (pan: string, separator: string) => pan.match(/.{1,4}/g)!.join(separator);

describe('findCardNumbers', () => {
	it.each(TEST_PANS)('finds the %s test number %s written plain', (brand, pan) => {
		expect(findCardNumbers(pan)).toEqual([{ start: 0, end: pan.length, digits: pan, brand }]);
	});

	it.each(TEST_PANS)('finds the %s test number %s in groups with spaces', (_, pan) => {
		expect(findCardNumbers(grouped(pan, ' '))[0]?.digits).toBe(pan);
	});

	it.each(TEST_PANS)('finds the %s test number %s in groups with dashes', (_, pan) => {
		expect(findCardNumbers(grouped(pan, '-'))[0]?.digits).toBe(pan);
	});

	it('finds an Amex number in its printed 4-6-5 grouping', () => {
		expect(findCardNumbers('3782 822463 10005')[0]?.digits).toBe('378282246310005');
	});

	it('reports where in a sentence the number sits', () => {
		const text = 'Customer read out 4111 1111 1111 1111, exp 12/27, please charge it';
		const [match] = findCardNumbers(text);
		expect(text.slice(match!.start, match!.end)).toBe('4111 1111 1111 1111');
	});

	it('finds a card written right after a phone number in the same run of digits', () => {
		const text = 'call 07700 900123 4111111111111111';
		expect(findCardNumbers(text).map((m) => m.digits)).toEqual(['4111111111111111']);
	});

	it.each([
		['2220000000000000', []],
		['2720999999999996', ['mastercard']],
		['2721000000000004', []],
		['3528000000000007', ['jcb']],
		['3589999999999994', ['jcb']],
		['3590000000000000', []]
	])('honours the edges of the IIN ranges: %s', (pan, brands) => {
		expect(findCardNumbers(pan).map((m) => m.brand)).toEqual(brands);
	});

	it('finds every card in a text', () => {
		const text = 'first 5555555555554444 then 378282246310005';
		expect(findCardNumbers(text).map((m) => m.brand)).toEqual(['mastercard', 'amex']);
	});
});

describe('near misses left alone', () => {
	it.each([
		['a Luhn-valid UK EAN-13 barcode', '5012345671093'],
		['a Luhn-valid German EAN-13 barcode (Visa prefix)', '4006381330060'],
		['an EAN-13 barcode', '5012345678900'],
		['an invoice number', 'Invoice 536365 for order #100234'],
		['a UK phone number in international form', '+44 20 7946 0958'],
		['a UK mobile number', '07700 900123'],
		['two phone numbers on one line', '07700 900123 07700 900456'],
		['ISO dates', 'from 2024-05-01 to 2024-06-30'],
		['a sort code and account number', '20-00-00 12345678'],
		['amounts', 'refund £1,234.56 of 4111.11'],
		['a 16-digit Luhn-invalid number', '4111111111111112'],
		['a 20-digit reference that starts like a card', '41111111111111111111'],
		['a Luhn-valid 16-digit number outside every card range', '1000000000000008'],
		['a UPC-A barcode', '036000291452'],
		['a GTIN-14 case code that also passes Luhn with a Diners prefix', '30012345679095'],
		['an SSCC-18 pallet label that also passes Luhn', '360123456789012386'],
		['a GTIN-14 with its GS1 application identifier', '(01)30012345679095'],
		['a US phone number', '+1 (555) 010-9999'],
		['a UK number with its optional trunk zero', '+44 (0)20 7946 0958'],
		['a German number', '+49 30 901820 and +49 30 901821'],
		['two phones separated by a slash', '(020) 7946 0958 / 07700 900123'],
		['order numbers in a list', 'orders #100234, #100235, #100236, #100237'],
		['dates with slashes and an en-dash', '01/05/2024 – 30/06/2024'],
		['an ISO timestamp', '2024-05-01T10:00:00.000Z'],
		['European money amounts', '€1.234,56 and 1 234,56 € and 99,00 €'],
		['money with a plus', '£1,234.56 + £99.00 = £1,333.56'],
		['quantities in a line of stock', '4 x 12 boxes, 300 units, 55 cases, 1200 items'],
		['full-width digits of an invoice number', 'Invoice ５３６３６５'],
		['a card-like number split by a word', '4111 1111 and 1111 1111'],
		[
			'a spreadsheet row: quantity, date, time, price (Online Retail)',
			'536366,22633,HAND WARMER UNION JACK,6,2010-12-01 08:28:00,1.85,17850.0,United Kingdom'
		],
		['a timestamp after a quantity', 'qty 6, 2010-12-01 08:34:00, 2.10 each']
	])('does not flag %s', (_, text) => {
		expect(findCardNumbers(text)).toEqual([]);
		expect(containsCardNumber(text)).toBe(false);
		expect(maskCardNumbers(text)).toBe(text);
	});
});

// Ways people (and people dodging a check) write a card that the first detector let through
// and stored in clear (issue 6, 3.5). NFKC, format characters dropped, then any short run of
// non-alphanumerics between digit groups.
const PAN = '4111111111111111';
const BYPASSES: [string, string][] = [
	['dots', '4111.1111.1111.1111'],
	['slashes', '4111/1111/1111/1111'],
	['underscores', '4111_1111_1111_1111'],
	['double spaces', '4111  1111  1111  1111'],
	['one double space', '4111 1111  1111 1111'],
	['no-break spaces', '4111\u00a01111\u00a01111\u00a01111'],
	['tabs', '4111\t1111\t1111\t1111'],
	['newlines', '4111\n1111\r\n1111\n1111'],
	['en-dashes', '4111–1111–1111–1111'],
	['spaced dashes', '4111 - 1111 - 1111 - 1111'],
	['commas', '4111,1111,1111,1111'],
	['commas and spaces', '4111, 1111, 1111, 1111'],
	['full-width digits', '４１１１ １１１１ １１１１ １１１１'],
	['zero-width spaces', '4111\u200b1111\u200b1111\u200b1111'],
	[
		'a combining low line under each digit',
		[...'4111111111111111'].map((d) => d + '\u0332').join('')
	],
	['variation selectors', '4111\ufe0f1111\ufe0f1111\ufe0f1111'],
	['keycap digits', [...'4111111111111111'].map((d) => d + '\ufe0f\u20e3').join('')],
	['Hangul fillers', '4111\u31641111\u31641111\u31641111'],
	['zero-width spaces inside groups', '41\u200b11111111\u200b111111'],
	['soft hyphens', '4111\u00ad1111\u00ad1111\u00ad1111'],
	['parentheses', '(4111) (1111) (1111) (1111)'],
	['parentheses without spaces', '4111(1111)1111(1111)'],
	['Arabic-Indic digits', '٤١١١ ١١١١ ١١١١ ١١١١'],
	['Devanagari digits', '४१११११११११११११११'],
	['mixed separators', '4111.1111 / 1111_1111']
];

describe('separators and look-alike digits', () => {
	it.each(BYPASSES)('finds a card written with %s', (_, text) => {
		expect(findCardNumbers(text).map((m) => m.digits)).toEqual([PAN]);
		expect(containsCardNumber(`Card: ${text} thanks`)).toBe(true);
	});

	it.each(BYPASSES)('masks a card written with %s in place, leaving the rest', (_, text) => {
		// A mark that followed the last digit may stay; it shows nothing on its own.
		const masked = maskCardNumbers(`Card: ${text} thanks`).replace(/[\p{Mn}\p{Me}]/gu, '');
		expect(masked).toMatch(/^Card: \(?411111\*{6}1111\)? thanks$/);
	});
});

describe('containsCardNumber', () => {
	it('is true for text with a card number', () => {
		expect(containsCardNumber('card is 4242-4242-4242-4242 thanks')).toBe(true);
	});
});

describe('maskCardNumbers', () => {
	it('keeps the first 6 and last 4 digits (PCI DSS 3.4.1)', () => {
		expect(maskCardNumbers('4111 1111 1111 1111')).toBe('411111******1111');
	});

	it('masks a 15-digit Amex number to 6 + 5 hidden + 4', () => {
		expect(maskCardNumbers('378282246310005')).toBe('378282*****0005');
	});

	it('masks every card and leaves the rest of the sentence as it was', () => {
		const text = 'Paid with 5555-5555-5555-4444, backup 6011 1111 1111 1117. Order 536365.';
		expect(maskCardNumbers(text)).toBe(
			'Paid with 555555******4444, backup 601111******1117. Order 536365.'
		);
	});
});
