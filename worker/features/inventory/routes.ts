import { Hono } from 'hono';
import type { AppEnv } from '../../core/context';
import { getCtx } from '../../core/context';
import { doc } from '../../core/doc';
import { input } from '../../core/input';
import { permit } from '../../core/permit';
import { adjustStock } from './adjust-stock';
import { getProduct } from './get-product';
import { listCatalogue } from './list-catalogue';
import { listMovements } from './list-movements';
import {
	AdjustStock,
	CataloguePage,
	CatalogueQuery,
	ListMovements,
	MovementPage,
	ProductDetail,
	ProductList,
	ProductParams,
	SearchProducts,
	StockLevel
} from './schemas';
import { searchProducts } from './search-products';

const tags = ['inventory'];

export const inventoryRoutes = new Hono<AppEnv>()
	.get(
		'/products',
		permit('inventory.read'),
		doc({
			summary: 'Search products by SKU, barcode (or its first digits) or name, typos forgiven',
			tags,
			response: ProductList
		}),
		input('query', SearchProducts),
		async (c) => c.json(await searchProducts({ ctx: getCtx(c), input: c.req.valid('query') }))
	)
	.get(
		'/products/:id',
		permit('inventory.read'),
		doc({ summary: 'A product with stock per location', tags, response: ProductDetail }),
		input('param', ProductParams),
		async (c) => c.json(await getProduct({ ctx: getCtx(c), id: c.req.valid('param').id }))
	)
	.get(
		'/products/:id/movements',
		permit('inventory.read'),
		doc({
			summary: "A product's stock movements, newest first, one kind or all (keyset pages)",
			tags,
			response: MovementPage
		}),
		input('param', ProductParams),
		input('query', ListMovements),
		async (c) =>
			c.json(
				await listMovements({
					ctx: getCtx(c),
					productId: c.req.valid('param').id,
					input: c.req.valid('query')
				})
			)
	)
	.post(
		'/adjustments',
		permit('inventory.adjust'),
		doc({
			summary: 'Adjust stock at a location (ledger movement)',
			tags,
			status: 201,
			response: StockLevel
		}),
		input('json', AdjustStock),
		async (c) => c.json(await adjustStock({ ctx: getCtx(c), input: c.req.valid('json') }), 201)
	)
	.get(
		'/catalogue',
		permit('inventory.read'),
		doc({
			summary: "Active products with barcodes and one location's stock, for offline use (id pages)",
			tags,
			response: CataloguePage
		}),
		input('query', CatalogueQuery),
		async (c) => c.json(await listCatalogue({ ctx: getCtx(c), input: c.req.valid('query') }))
	);
