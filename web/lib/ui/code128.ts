// Code 128 (set B: printable ASCII) as bar widths, for labels a warehouse scanner reads:
// the return label's RET- number (issue 11). The scanner side already decodes code_128
// (web/lib/scan/decoder.ts); nothing in Ordo drew one, and a dependency for 40 lines of
// table is not worth its weight. code128.test.ts checks the table (107 distinct
// symbols of 11 modules) and the check symbol.
const PATTERNS = (
	'212222 222122 222221 121223 121322 131222 122213 122312 132212 221213 221312 231212 ' +
	'112232 122132 122231 113222 123122 123221 223211 221132 221231 213212 223112 312131 ' +
	'311222 321122 321221 312212 322112 322211 212123 212321 232121 111323 131123 131321 ' +
	'112313 132113 132311 211313 231113 231311 112133 112331 132131 113123 113321 133121 ' +
	'313121 211331 231131 213113 213311 213131 311123 311321 331121 312113 312311 332111 ' +
	'314111 221411 431111 111224 111422 121124 121421 141122 141221 112214 112412 122114 ' +
	'122411 142112 142211 241211 221114 413111 241112 134111 111242 121142 121241 114212 ' +
	'124112 124211 411212 421112 421211 212141 214121 412121 111143 111341 131141 114113 ' +
	'114311 411113 411311 113141 114131 311141 411131 211412 211214 211232 2331112'
).split(' ');
const START_B = 104;
const STOP = 106;

/** The symbol values of `text` in set B, with its start, check symbol and stop. */
export function code128Values(text: string): number[] {
	const values = [...text].map((ch) => {
		const code = ch.charCodeAt(0);
		if (code < 32 || code > 126) throw new RangeError(`Code 128 B cannot encode "${ch}"`);
		return code - 32;
	});
	const check = values.reduce((sum, v, i) => sum + v * (i + 1), START_B) % 103;
	return [START_B, ...values, check, STOP];
}

/** Alternating bar/space widths in modules, starting with a bar (no quiet zone). */
export function code128Widths(text: string): number[] {
	return code128Values(text).flatMap((v) => [...PATTERNS[v]!].map(Number));
}

/** The bars as [x, width] in modules, for an SVG of `modules` width. */
export function code128Bars(text: string): { bars: [number, number][]; modules: number } {
	const bars: [number, number][] = [];
	let x = 0;
	code128Widths(text).forEach((w, i) => {
		if (i % 2 === 0) bars.push([x, w]);
		x += w;
	});
	return { bars, modules: x };
}
