import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from './csv';

describe('parseCsv', () => {
	it('reads quoted fields, doubled quotes and CRLF, numbering each record by its first line', () => {
		const table = parseCsv('\uFEFFa,b\r\n1,"x, ""y"""\r\n\r\n2,"two\nlines"\n3,z');
		expect(table.header).toEqual(['a', 'b']);
		expect(table.records).toEqual([
			{ line: 2, cells: ['1', 'x, "y"'] },
			{ line: 4, cells: ['2', 'two\nlines'] },
			{ line: 6, cells: ['3', 'z'] }
		]);
	});

	it('names the line of a quote that never closes', () => {
		expect(() => parseCsv('a,b\n1,2\n3,"open')).toThrow(CsvSyntaxError);
		expect(() => parseCsv('a,b\n1,2\n3,"open')).toThrow(
			expect.objectContaining({ line: 3, message: 'a quoted field opened on line 3 never closes' })
		);
	});
});
