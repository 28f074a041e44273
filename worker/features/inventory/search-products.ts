import type { Ctx } from '../../core/context';
import { productPage, productsQuery } from './find-products';
import type { ProductList, SearchProducts } from './schemas';
import { searchTerms, trigramQuery } from './search-terms';
import { correctQuery, FEW, typoWords, vocabularyQuery } from './suggest-query';

/**
 * One box for SKU, barcode (or its first digits) or any part of the name, forgiving of
 * typos. A first page reads the results and, when the names match it only a few times,
 * the known words near the typed ones, in one batch: one round trip. When the query found nothing and a correction exists, the
 * corrected query is searched (a second round trip) and the answer says so
 * (`resultsFor`); when it found only a little, the correction is offered as
 * `didYouMean`. Later pages (`cursor`) page the query they are given, never corrected.
 */
export async function searchProducts({
	ctx,
	input
}: {
	ctx: Ctx;
	input: SearchProducts;
}): Promise<ProductList> {
	const { db } = ctx;
	const words = input.cursor ? [] : typoWords(input.q);
	const query = productsQuery(db, input);
	const [rows, vocabulary] =
		words.length > 0
			? await db.batch([query, vocabularyQuery(db, words, trigramQuery(searchTerms(input.q)))])
			: [await query, []];
	const literal = { ...productPage(rows, input.limit), resultsFor: input.q, didYouMean: null };
	if (literal.items.length >= FEW) return literal;
	const suggestion = correctQuery(input.q, vocabulary);
	if (suggestion === null) return literal;
	if (literal.items.length > 0) return { ...literal, didYouMean: suggestion };
	const corrected = productPage(
		await productsQuery(db, { q: suggestion, limit: input.limit }),
		input.limit
	);
	if (corrected.items.length === 0) return literal;
	return { ...corrected, resultsFor: suggestion, didYouMean: null };
}
