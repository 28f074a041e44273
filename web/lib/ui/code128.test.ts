import { describe, expect, it } from 'vitest';
import { code128Bars, code128Values, code128Widths } from './code128';

describe('Code 128 B', () => {
	it('gives every printable character its own 11-module symbol, framed by start, check and stop', () => {
		const symbols = new Set<string>();
		for (let c = 32; c <= 126; c++) {
			const w = code128Widths(String.fromCharCode(c));
			// start (6) + data (6) + check (6) + stop (7)
			expect(w).toHaveLength(25);
			const data = w.slice(6, 12);
			expect(data.reduce((a, b) => a + b, 0)).toBe(11);
			symbols.add(data.join(''));
		}
		expect(symbols.size).toBe(95);
	});

	it('computes the check symbol (weighted sum mod 103) and frames start B and stop', () => {
		// "RET-1": 104 + R(50)·1 + E(37)·2 + T(52)·3 + -(13)·4 + 1(17)·5 = 521; 521 mod 103 = 6
		expect(code128Values('RET-1')).toEqual([104, 50, 37, 52, 13, 17, 6, 106]);
		const { modules, bars } = code128Bars('RET-1');
		expect(modules).toBe(11 * 7 + 13);
		expect(bars[0]).toEqual([0, 2]);
	});

	it('refuses what set B cannot say', () => {
		expect(() => code128Values('RET\n1')).toThrow(RangeError);
	});
});
