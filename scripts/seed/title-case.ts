// The CSV's descriptions are shouted ("WHITE HANGING HEART T-LIGHT HOLDER"); staff read
// product names all day, so they are shown in title case with the usual exceptions.
const SMALL_WORDS = new Set('a an and as at for in of on or the to with'.split(' '));
const ACRONYMS = new Set(['CD', 'DVD', 'LED', 'PC', 'TV', 'UK', 'USA', 'USB', 'DIY', 'WC', 'MP3']);

function capitalise(word: string): string {
	// Upper-case the first letter of each part after a separator: "T-LIGHT" → "T-Light",
	// "SET/4" → "Set/4"; an apostrophe is not a separator ("DAD'S" → "Dad's").
	return word
		.toLowerCase()
		.replace(/(^|[-/("&+])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

function titleWord(word: string, first: boolean): string {
	const upper = word.toUpperCase();
	if (ACRONYMS.has(upper)) return upper;
	// Pack sizes read as words: "SET/3" → "Set/3", "PACK/12" → "Pack/12".
	if (word.includes('/'))
		return word
			.split('/')
			.map((part) => titleWord(part, true))
			.join('/');
	// Sizes and codes: units as SI writes them ("60CM" → "60cm"), codes as they are ("3D",
	// "A4"), words run into numbers in title case ("20LIGHT" → "20Light"), "50'S" → "50's".
	if (/\d/.test(word)) {
		return word
			.replace(/(\d)(CM|MM|KG|ML|M|G)(?![A-Z])/g, (_m, d: string, u: string) => d + u.toLowerCase())
			.replace(/\p{Lu}{3,}/gu, (run) => run[0] + run.slice(1).toLowerCase())
			.replace(/^(\d+)'S$/i, "$1's");
	}
	if (!first && SMALL_WORDS.has(word.toLowerCase())) return word.toLowerCase();
	return capitalise(word);
}

/** "RECORD FRAME 7\" SINGLE SIZE " → "Record Frame 7\" Single Size". */
export function titleCase(description: string): string {
	const words = description
		.replace(/^[*\s]+/, '')
		.replace(/\s*,(?=\S)/g, ', ')
		.replace(/\s+,/g, ',')
		.replace(/[\s,]+$/, '')
		.split(/\s+/)
		.filter((w) => w.length > 0);
	return words.map((w, i) => titleWord(w, i === 0)).join(' ');
}
