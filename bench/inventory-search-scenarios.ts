import { searchProducts } from '../worker/features/inventory/search-products';
import { defineScenario } from './scenario';
import { sampleProducts, type SampledProduct } from './sample';

export type TypoKind = 'swap' | 'drop' | 'swap+word';
export type TypoSearch = { kind: TypoKind; q: string };

const KINDS: TypoKind[] = ['swap', 'drop', 'swap+word'];
const INPUTS = 300;

/**
 * A slip on a phone keyboard in a word of a real product's name: two neighbouring
 * letters swapped ("haert"), one dropped ("hangng"), or a swap followed by a second,
 * correct word. Each sends the search down its typo path: the vocabulary read in the
 * first batch, then the corrected search when the typo'd one found nothing.
 */
export function typoFor(p: SampledProduct, k: number): TypoSearch {
	const kind = KINDS[k % KINDS.length]!;
	const words = p.name.toLowerCase().split(/\s+/);
	const long = words.filter((w) => /^\p{L}{5,}$/u.test(w));
	const word = long[k % Math.max(1, long.length)] ?? 'candle';
	const at = 1 + (k % (word.length - 2));
	const typo =
		kind === 'drop'
			? word.slice(0, at) + word.slice(at + 1)
			: word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
	const other = words.find((w) => w !== word && /^\p{L}{3,}$/u.test(w));
	return { kind, q: kind === 'swap+word' && other ? `${typo} ${other}` : typo };
}

export const productSearchTypos = defineScenario<TypoSearch>({
	name: 'product search, typos',
	measures: 'GET /api/inventory/products?q= with a slip in a word of a real product name',
	inputs: async (client) => (await sampleProducts(client, INPUTS)).map(typoFor),
	label: (s) => s.kind,
	http: ({ input, get }) => get(`/api/inventory/products?q=${encodeURIComponent(input.q)}`),
	ceiling: ({ input, ctx }) => searchProducts({ ctx, input: { q: input.q, limit: 20 } })
});
