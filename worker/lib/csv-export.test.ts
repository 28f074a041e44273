import { describe, expect, it } from 'vitest';
import { toCsvText } from './csv-export';

describe('toCsvText', () => {
	it('quotes what needs quoting and ends records with CRLF', () => {
		expect(toCsvText(['sku', 'name'], [['A1', 'Mug, "large"']])).toBe(
			'sku,name\r\nA1,"Mug, ""large"""\r\n'
		);
	});

	it('neutralises formula-looking text but keeps negative numbers', () => {
		expect(toCsvText(['a', 'b', 'c'], [['=HYPERLINK("x")', -3, '@SUM(A1)']])).toBe(
			'a,b,c\r\n"\'=HYPERLINK(""x"")",-3,\'@SUM(A1)\r\n'
		);
	});

	it('writes empty cells for missing values', () => {
		expect(toCsvText(['a', 'b'], [[null, 0]])).toBe('a,b\r\n,0\r\n');
	});
});
