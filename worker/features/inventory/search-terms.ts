// What a person types, turned into terms the indexes can take. FTS5 syntax (quotes,
// `*`, `^`, parentheses, `:`, `+`, a leading `-`) is never meant by someone looking for
// a product, so it is stripped rather than escaped: `"heart` and `heart*` both search
// for heart, and the upper-case operator words go too (lower-case "and" stays: it is in
// names). Each term is then quoted for MATCH, so no input is ever syntax.
const OPERATOR_WORDS = new Set(['AND', 'OR', 'NOT', 'NEAR']);

/** The words of a query, FTS5 operators removed, in the order typed. */
export function searchTerms(q: string): string[] {
	return q
		.replace(/["*^(){}:+\\]/g, ' ')
		.split(/\s+/)
		.map((t) => t.replace(/^-+/, ''))
		.filter((t) => t.length > 0 && !OPERATOR_WORDS.has(t));
}

/** FTS5 trigram terms: each word of 3+ characters, quoted. Null when none is long enough. */
export function trigramQuery(terms: string[]): string | null {
	const quoted = terms.filter((t) => [...t].length >= 3).map((t) => `"${t.replaceAll('"', '""')}"`);
	return quoted.length > 0 ? quoted.join(' ') : null;
}

/** A term as the word index stores it: lower case, accents folded (unicode61). */
export function wordKey(term: string): string {
	return term.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Terms worth correcting: letters only (a SKU or a number is not a typo'd word), 3+ long. */
export function isWordTerm(term: string): boolean {
	return /^\p{L}{3,}$/u.test(wordKey(term));
}
