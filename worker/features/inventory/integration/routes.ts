import { Hono } from 'hono';
import type { Context } from 'hono';
import type { AppEnv } from '../../../core/context';
import { getCtx } from '../../../core/context';
import { doc } from '../../../core/doc';
import { requireIdempotencyKey } from '../../../core/idempotency-key';
import { input } from '../../../core/input';
import { permit } from '../../../core/permit';
import { applyStockDeltas } from './apply-stock-deltas';
import { bulkUpsertProducts } from './bulk-upsert-products';
import { uploadedText } from './csv-rows';
import { EXAMPLES } from './examples';
import { listStock } from './list-stock';
import { exportProductsCsv, importProductsCsv } from './products-csv';
import {
	BulkProducts,
	CsvImportResult,
	CsvUpload,
	DeltasApplied,
	ListStock,
	ProductsUpserted,
	SetStockLevel,
	StockDeltas,
	StockLevelParams,
	StockLevelSet,
	StockPage
} from './schemas';
import { setStockLevel } from './set-stock-level';
import { exportStockCsv, importStockCsv } from './stock-csv';

// The integration API for an external inventory system (issue 8), mounted at /api/inventory
// beside the staff routes: scoped API keys (`stock.read`, `stock.write`, `products.write`)
// or a manager's session. docs/integration.md walks through it with curl.

const tags = ['inventory integration'];

function csvFile(c: Context<AppEnv>, name: string, body: string) {
	return c.body(body, 200, {
		'content-type': 'text/csv; charset=utf-8',
		'content-disposition': `attachment; filename="${name}-${new Date().toISOString().slice(0, 10)}.csv"`
	});
}

export const integrationRoutes = new Hono<AppEnv>()
	.get(
		'/stock',
		permit('stock.read'),
		doc({
			summary:
				'Stock levels per SKU and location, each with its version (keyset pages by SKU, location)',
			tags,
			response: StockPage,
			examples: EXAMPLES.listStock
		}),
		input('query', ListStock),
		async (c) => c.json(await listStock({ ctx: getCtx(c), input: c.req.valid('query') }))
	)
	.put(
		'/stock/:sku/:location',
		permit('stock.write'),
		doc({
			summary:
				'Set the level on hand if it is still at expectedVersion (a ledger count for the difference); 409 with `current` when stale',
			tags,
			response: StockLevelSet,
			examples: EXAMPLES.setLevel
		}),
		input('param', StockLevelParams),
		input('json', SetStockLevel),
		async (c) =>
			c.json(
				await setStockLevel({
					ctx: getCtx(c),
					params: c.req.valid('param'),
					input: c.req.valid('json')
				})
			)
	)
	.post(
		'/stock/deltas',
		permit('stock.write'),
		doc({
			summary:
				'Apply stock deltas (ledger adjustments), all or none; Idempotency-Key required, a retry applies once',
			tags,
			status: 201,
			response: DeltasApplied,
			examples: EXAMPLES.deltas
		}),
		requireIdempotencyKey(),
		input('json', StockDeltas),
		async (c) => c.json(await applyStockDeltas({ ctx: getCtx(c), input: c.req.valid('json') }), 201)
	)
	.post(
		'/products/bulk',
		permit('products.write'),
		doc({
			summary: 'Create or update up to 1,000 products by SKU, all or none; errors name the rows',
			tags,
			response: ProductsUpserted,
			examples: EXAMPLES.bulkProducts
		}),
		input('json', BulkProducts),
		async (c) => c.json(await bulkUpsertProducts({ ctx: getCtx(c), input: c.req.valid('json') }))
	)
	.get(
		'/export/products',
		permit('inventory.read'),
		doc({
			summary: 'Every product as CSV (the products import reads it back)',
			tags,
			produces: 'text/csv'
		}),
		async (c) => csvFile(c, 'products', await exportProductsCsv({ ctx: getCtx(c) }))
	)
	.get(
		'/export/stock',
		permit('stock.read'),
		doc({
			summary: 'Every stock level as CSV, with versions (the stock import reads it back)',
			tags,
			produces: 'text/csv'
		}),
		async (c) => csvFile(c, 'stock', await exportStockCsv({ ctx: getCtx(c) }))
	)
	.post(
		'/import/products',
		permit('products.write'),
		doc({
			summary: 'Import products from CSV, whole file or nothing (dryRun: check and preview)',
			tags,
			response: CsvImportResult,
			examples: EXAMPLES.importProducts
		}),
		input('json', CsvUpload),
		async (c) => {
			const body = c.req.valid('json');
			const csv = await uploadedText(body);
			return c.json(await importProductsCsv({ ctx: getCtx(c), csv, dryRun: body.dryRun }));
		}
	)
	.post(
		'/import/stock',
		permit('stock.write'),
		doc({
			summary:
				'Import stock levels (absolute, as ledger counts) from CSV, whole file or nothing (dryRun: check and preview)',
			tags,
			response: CsvImportResult,
			examples: EXAMPLES.importStock
		}),
		input('json', CsvUpload),
		async (c) => {
			const body = c.req.valid('json');
			const csv = await uploadedText(body);
			return c.json(await importStockCsv({ ctx: getCtx(c), csv, dryRun: body.dryRun }));
		}
	);
