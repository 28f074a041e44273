import { distance } from 'fastest-levenshtein';

// What one typed query can mean, as "lanes": each a way to find customers with a tier (its
// rank: 0 exact keys, 1 whole name words and postcodes, 2 name prefixes, 3 email, phone and
// other prefixes, 4 typo corrections) and the field it matches, for highlighting. Pure:
// search-customers.ts turns lanes into SQL.

export type Lane =
	| { tier: number; field: 'order' | 'externalId' | 'number' | 'email' | 'phone'; exact: string }
	| {
			tier: number;
			field: 'name' | 'email' | 'phone' | 'postcode';
			match: string;
			fuzzy?: boolean;
	  };

/** Folded like the index (unicode61, remove_diacritics 2): lower-case, no accents. */
export function fold(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase();
}

/** The index's words: runs of letters and digits. */
export function words(text: string): string[] {
	return fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

const quote = (w: string) => `"${w}"`;
const all = (ws: string[], prefix: boolean) =>
	ws.map((w) => quote(w) + (prefix ? '*' : '')).join(' AND ');

/** Lanes for a query; `fuzzy` maps a name word to the index words a typo away from it. */
export function planSearch(q: string, fuzzy: Map<string, string[]> = new Map()): Lane[] {
	const lanes: Lane[] = [];
	const text = q.trim();
	const ws = words(text);
	const digits = text.replace(/\D/g, '');
	const compact = fold(text).replace(/[\s-]/g, '');

	if (/^ord-?\d+$/i.test(text))
		lanes.push({ tier: 0, field: 'order', exact: `ORD-${text.replace(/\D/g, '')}` });
	lanes.push({ tier: 0, field: 'externalId', exact: text });
	if (/^\d+$/.test(text)) lanes.push({ tier: 0, field: 'number', exact: text });
	if (text.includes('@')) lanes.push({ tier: 0, field: 'email', exact: text.toLowerCase() });
	if (text.startsWith('+') && digits.length >= 7)
		lanes.push({ tier: 0, field: 'phone', exact: `+${digits}` });

	// A phone typed any way: "+44 20 7946", "020-7946", "0044 20 7946" all lose their leading
	// zeros and become a prefix of the E.164 digits or of the national digits in the index.
	const phoneDigits = digits.replace(/^0+/, '');
	if (/^[+(\d][\d\s().\-/]*$/.test(text) && phoneDigits.length >= 3)
		lanes.push({ tier: 3, field: 'phone', match: `phone : ${quote(phoneDigits)}*` });

	if (/^[a-z0-9]{2,10}$/.test(compact) && /\d/.test(compact) && /[a-z]/.test(compact))
		lanes.push({ tier: 1, field: 'postcode', match: `postcode : ${quote(compact)}*` });
	else if (/^\d{5}$/.test(compact))
		lanes.push({ tier: 3, field: 'postcode', match: `postcode : ${quote(compact)}*` });

	const nameWords = ws.filter((w) => /\p{L}/u.test(w));
	if (nameWords.length && nameWords.length === ws.length && !text.includes('@')) {
		lanes.push({ tier: 1, field: 'name', match: `name : (${all(nameWords, false)})` });
		lanes.push({ tier: 2, field: 'name', match: `name : (${all(nameWords, true)})` });
		if (nameWords.some((w) => fuzzy.get(w)?.length)) {
			const groups = nameWords.map((w) => {
				const near = fuzzy.get(w) ?? [];
				return `(${[quote(w) + '*', ...near.map(quote)].join(' OR ')})`;
			});
			lanes.push({
				tier: 4,
				field: 'name',
				match: `name : (${groups.join(' AND ')})`,
				fuzzy: true
			});
		}
	}
	// A whole address is matched as a phrase, not a prefix: FTS5 has no prefix index for its
	// last word ("test" of example.test), so "test"* would merge the posting list of every
	// customer on that domain (at 1M customers, ~100 ms). The exact lane finds the address itself.
	const wholeEmail = /^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$/.test(text);
	if (ws.length && /[\p{L}@.]/u.test(text))
		lanes.push({
			tier: 3,
			field: 'email',
			match: `email : ${quote(ws.join(' '))}${wholeEmail ? '' : '*'}`
		});
	return lanes;
}

/** Name words worth correcting (a query of letters only): long enough that a slip still says which name. */
export const fuzzyWords = (q: string): string[] =>
	/^[\p{L}\p{M}\s'.-]+$/u.test(q)
		? words(q)
				.filter((w) => w.length >= 4)
				.slice(0, 3)
		: [];

/**
 * Index words a typo away (Levenshtein through fastest-levenshtein: 1 edit up to 5 letters,
 * 2 beyond), closest first, at most `limit`.
 */
export function nearWords(word: string, terms: readonly string[], limit = 8): string[] {
	const max = word.length <= 5 ? 1 : 2;
	return terms
		.filter((t) => t !== word && Math.abs(t.length - word.length) <= max)
		.map((t) => ({ t, d: distance(word, t) }))
		.filter((x) => x.d <= max)
		.sort((a, b) => a.d - b.d || a.t.localeCompare(b.t))
		.slice(0, limit)
		.map((x) => x.t);
}
