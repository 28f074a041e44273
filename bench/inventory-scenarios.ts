import { getProduct } from '../worker/features/inventory/get-product';
import { searchProducts } from '../worker/features/inventory/search-products';
import { defineScenario } from './scenario';
import { sampleProducts, type SampledProduct } from './sample';

export type SearchKind = 'sku' | 'sku-prefix' | 'barcode' | 'name';
export type Search = { kind: SearchKind; q: string };

const KINDS: SearchKind[] = ['sku', 'sku-prefix', 'barcode', 'name'];
const INPUTS = 400;

/**
 * What people type in the one search box, drawn from a real product: its SKU, the SKU
 * less its last two or three characters (type-ahead, ~10–1000 matches), its barcode (a
 * scanner), or one or two lower-case words of its name.
 */
export function searchFor(p: SampledProduct, k: number): Search {
	const kind = p.barcode === null && KINDS[k % 4] === 'barcode' ? 'sku' : KINDS[k % 4]!;
	if (kind === 'sku') return { kind, q: p.sku };
	if (kind === 'barcode') return { kind, q: p.barcode! };
	if (kind === 'sku-prefix') {
		const keep = Math.max(3, p.sku.length - 2 - (k % 2));
		return { kind, q: p.sku.slice(0, keep) };
	}
	const words = p.name.split(/\s+/).filter((w) => w.length >= 3);
	const from = words.length > 0 ? k % words.length : 0;
	const take = words.slice(from, from + 1 + (k % 2)).join(' ') || p.name;
	return { kind, q: take.toLowerCase() };
}

export const productSearch = defineScenario<Search>({
	name: 'product search',
	measures: 'GET /api/inventory/products?q= over a fixed mix of SKU, SKU prefix, barcode, name',
	inputs: async (client) => (await sampleProducts(client, INPUTS)).map(searchFor),
	label: (s) => s.kind,
	http: ({ input, get }) => get(`/api/inventory/products?q=${encodeURIComponent(input.q)}`),
	ceiling: ({ input, ctx }) => searchProducts({ ctx, input: { q: input.q, limit: 20 } })
});

export const productDetail = defineScenario<string>({
	name: 'product detail',
	measures: 'GET /api/inventory/products/:id for products spread over the catalogue',
	inputs: async (client) => (await sampleProducts(client, INPUTS)).map((p) => p.id),
	http: ({ input, get }) => get(`/api/inventory/products/${encodeURIComponent(input)}`),
	ceiling: ({ input, ctx }) => getProduct({ ctx, id: input })
});
