import { getProduct } from '../worker/features/inventory/get-product';
import { encodeCursor, listStock } from '../worker/features/inventory/integration/list-stock';
import { defineScenario } from './scenario';
import { sampleProducts } from './sample';

type StockRead =
	| { kind: 'integration sku'; sku: string }
	| { kind: 'integration page'; cursor: string }
	| { kind: 'product page'; id: string };

const INPUTS = 400;

/**
 * Issue 8's stock reads: an external system reading one SKU's levels with their versions,
 * or walking the catalogue a page of 100 levels at a time from anywhere in it (keyset), and
 * a person opening a product page (stock per location and the newest movements).
 */
export const stockRead = defineScenario<StockRead>({
	name: 'stock read',
	measures:
		'GET /api/inventory/stock?sku= and ?limit=100&cursor= (integration), GET /api/inventory/products/:id (product page)',
	inputs: async (client) =>
		(await sampleProducts(client, INPUTS)).map((p, k): StockRead => {
			if (k % 3 === 0) return { kind: 'integration sku', sku: p.sku };
			if (k % 3 === 1) return { kind: 'integration page', cursor: encodeCursor(p.sku, '') };
			return { kind: 'product page', id: p.id };
		}),
	label: (s) => s.kind,
	http: ({ input, get }) =>
		input.kind === 'integration sku'
			? get(`/api/inventory/stock?sku=${encodeURIComponent(input.sku)}`)
			: input.kind === 'integration page'
				? get(`/api/inventory/stock?limit=100&cursor=${input.cursor}`)
				: get(`/api/inventory/products/${encodeURIComponent(input.id)}`),
	ceiling: ({ input, ctx }) =>
		input.kind === 'integration sku'
			? listStock({ ctx, input: { sku: input.sku, limit: 100 } })
			: input.kind === 'integration page'
				? listStock({ ctx, input: { cursor: input.cursor, limit: 100 } })
				: getProduct({ ctx, id: input.id })
});
