import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';

describe('csvCell (RFC 4180)', () => {
	it('leaves plain text and numbers as they are', () => {
		expect(csvCell('auth.sign_in')).toBe('auth.sign_in');
		expect(csvCell(42)).toBe('42');
		expect(csvCell(null)).toBe('');
	});

	it('quotes commas, quotes and line breaks, doubling inner quotes', () => {
		expect(csvCell('a,b')).toBe('"a,b"');
		expect(csvCell('say "hi"')).toBe('"say ""hi"""');
		expect(csvCell('two\nlines')).toBe('"two\nlines"');
		expect(csvCell('{"reason":"x"}')).toBe('"{""reason"":""x""}"');
	});
});

describe('csvCell (security: formula injection)', () => {
	it.each(['=HYPERLINK("http://evil")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])(
		'defuses %j by prefixing a quote',
		(cell) => {
			const out = csvCell(cell);
			expect(out.replace(/^"/, '').startsWith("'")).toBe(true);
		}
	);

	it('does not alter a negative number written as a number', () => {
		expect(csvCell(-5)).toBe('-5');
	});
});

describe('toCsv', () => {
	it('writes the header first and ends every line with CRLF', () => {
		expect(toCsv(['seq', 'action'], [[1, 'auth.sign_in']])).toBe(
			'seq,action\r\n1,auth.sign_in\r\n'
		);
	});
});
