import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { isWordTerm, searchTerms, wordKey } from './search-terms';
import { allowedEdits, nearestWord, type KnownWord } from './typo';

// A typed word is compared with the known words that start with its first or its second
// letter (a slip rarely hits both) and are near its length: ranges of the vocabulary
// index (product_words_vocab), never the whole vocabulary.
const MAX_WORDS = 5;
/** Fewer results than this on a first page and a correction, if any, is offered. */
export const FEW = 3;

export type VocabularyRow = { word: string; term: string; doc: number };

/** The words of a query worth checking for typos: letters only, 3+ long, at most five. */
export function typoWords(q: string): string[] {
	return [...new Set(searchTerms(q).filter(isWordTerm).map(wordKey))].slice(0, MAX_WORDS);
}

/**
 * The known words near each typed word, with how many products use them. Read only when
 * the names match the query (`fts`) fewer than FEW times: the vocabulary costs a few
 * milliseconds (fts5vocab counts postings), a search that finds plenty need not pay it.
 * The gate is a constant condition, so SQLite tests it once, before reading the range.
 */
export function vocabularyQuery(db: Db, words: string[], fts: string | null) {
	const gate = fts
		? sql`AND (SELECT count(*) FROM (SELECT 1 FROM products_fts WHERE products_fts MATCH ${fts}
				LIMIT ${FEW})) < ${FEW}`
		: sql``;
	const ranges = words.flatMap((word) => {
		const edits = allowedEdits(word.length);
		return [...new Set([...word].slice(0, 2))].map(
			(letter) => sql`SELECT ${word} AS word, term, doc FROM product_words_vocab
				WHERE term >= ${letter} AND term < ${letter + '\u{10FFFF}'}
					AND length(term) BETWEEN ${word.length - edits} AND ${word.length + edits} ${gate}`
		);
	});
	return db.all<VocabularyRow>(sql.join(ranges, sql` UNION ALL `));
}

/**
 * The query with each unknown word replaced by the nearest known one ("hangng haert" →
 * "hanging heart"), or null when every word is known or nothing is near.
 */
export function correctQuery(q: string, rows: VocabularyRow[]): string | null {
	const known = new Map<string, KnownWord[]>();
	for (const r of rows) {
		const list = known.get(r.word) ?? [];
		list.push({ term: r.term, products: r.doc });
		known.set(r.word, list);
	}
	let changed = false;
	const corrected = searchTerms(q).map((term) => {
		if (!isWordTerm(term)) return term;
		const nearest = nearestWord(wordKey(term), known.get(wordKey(term)) ?? []);
		if (nearest === null) return term;
		changed = true;
		return nearest;
	});
	return changed ? corrected.join(' ') : null;
}
