import * as v from 'valibot';
import { freeText } from '../../../core/free-text';
import { MULTI_LINE, NOT_STORED_TEXT } from '../../../core/readable-text';

// The integration API of issue 8: what an external inventory system sends and gets back.
// SKUs are matched upper-case (products.sku is stored so); locations by their code.

export const MAX_BULK_PRODUCTS = 1000;
export const MAX_DELTAS = 500;
export const MAX_STOCK_PAGE = 500;

export const Sku = v.pipe(
	v.string(),
	v.trim(),
	v.minLength(1, 'Give the SKU'),
	v.maxLength(64, 'A SKU has at most 64 characters'),
	v.toUpperCase()
);
export const LocationCode = v.pipe(
	v.string(),
	v.trim(),
	v.minLength(1, 'Give the location code'),
	v.maxLength(32, 'A location code has at most 32 characters')
);
const Units = v.pipe(
	v.number('Use a number of units'),
	v.integer('Use a whole number of units'),
	v.minValue(0, 'Stock on hand cannot be below 0'),
	v.maxValue(1_000_000_000)
);

// A cursor is base64url of the last row's [sku, location code]: opaque to clients.
export const StockCursor = v.pipe(
	v.string(),
	v.maxLength(200),
	v.regex(/^[A-Za-z0-9_-]+$/, 'Use the nextCursor of a page'),
	v.metadata(NOT_STORED_TEXT)
);

export const ListStock = v.object({
	sku: v.optional(Sku),
	location: v.optional(LocationCode),
	limit: v.optional(
		v.pipe(v.string(), v.toNumber(), v.integer(), v.minValue(1), v.maxValue(MAX_STOCK_PAGE)),
		'100'
	),
	cursor: v.optional(StockCursor)
});
export type ListStock = v.InferOutput<typeof ListStock>;

export const StockLevelRow = v.object({
	sku: v.string(),
	productId: v.string(),
	location: v.string(),
	locationId: v.string(),
	onHand: v.number(),
	reserved: v.number(),
	available: v.number(),
	/** +1 on every change of onHand or reserved; send it back as expectedVersion. */
	version: v.number(),
	updatedAt: v.string()
});
export type StockLevelRow = v.InferOutput<typeof StockLevelRow>;

export const StockPage = v.object({
	items: v.array(StockLevelRow),
	/** Pass as `cursor` for the next page; null on the last. */
	nextCursor: v.nullable(v.string())
});
export type StockPage = v.InferOutput<typeof StockPage>;

export const StockLevelParams = v.object({ sku: Sku, location: LocationCode });
export type StockLevelParams = v.InferOutput<typeof StockLevelParams>;

export const SetStockLevel = v.object({
	onHand: Units,
	/** The version read; 0 for a product never stocked at that location. */
	expectedVersion: v.pipe(
		v.number('Send the version you read'),
		v.integer('A version is a whole number'),
		v.minValue(0, 'A version is 0 or more')
	),
	reason: v.optional(freeText(200, 1), 'Set by the inventory system')
});
export type SetStockLevel = v.InferOutput<typeof SetStockLevel>;

export const StockLevelSet = v.object({
	...StockLevelRow.entries,
	/** The ledger movement (kind `count`) that moved it. */
	movementId: v.string(),
	/** The difference the movement recorded (0: counted, nothing changed). */
	delta: v.number()
});
export type StockLevelSet = v.InferOutput<typeof StockLevelSet>;

export const StockDelta = v.object({
	sku: Sku,
	location: LocationCode,
	delta: v.pipe(
		v.number('Use a number of units'),
		v.integer('Use a whole number of units'),
		v.minValue(-1_000_000),
		v.maxValue(1_000_000),
		v.check((n) => n !== 0, 'A delta must change the quantity')
	),
	reason: freeText(200, 1)
});

export const StockDeltas = v.object({
	deltas: v.pipe(
		v.array(StockDelta),
		v.minLength(1, 'Send at least one delta'),
		v.maxLength(MAX_DELTAS, `Send at most ${MAX_DELTAS} deltas a request`)
	)
});
export type StockDeltas = v.InferOutput<typeof StockDeltas>;

export const DeltasApplied = v.object({
	applied: v.number(),
	/** Each level the deltas moved, as it is after them. */
	levels: v.array(StockLevelRow)
});
export type DeltasApplied = v.InferOutput<typeof DeltasApplied>;

// Money: minor units (pence), never a float (DESIGN §3).
export const ProductUpsert = v.object({
	sku: Sku,
	name: freeText(200, 1),
	/** null clears it; absent keeps what a product has. */
	barcode: v.optional(
		v.nullable(
			v.pipe(
				v.string(),
				v.trim(),
				v.regex(/^[0-9A-Za-z-]{1,64}$/, 'A barcode is 1–64 letters, digits or dashes')
			)
		)
	),
	priceMinor: v.pipe(
		v.number('Give the price in minor units (pence)'),
		v.integer('Give the price in minor units (pence), a whole number'),
		v.minValue(0, 'A price cannot be negative'),
		v.maxValue(100_000_000_00)
	),
	currency: v.optional(v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, 'Use an ISO 4217 code (GBP)'))),
	reorderPoint: v.optional(Units),
	active: v.optional(v.boolean())
});
export type ProductUpsert = v.InferOutput<typeof ProductUpsert>;

export const BulkProducts = v.object({
	products: v.pipe(
		v.array(ProductUpsert),
		v.minLength(1, 'Send at least one product'),
		v.maxLength(MAX_BULK_PRODUCTS, `Send at most ${MAX_BULK_PRODUCTS} products a request`)
	)
});
export type BulkProducts = v.InferOutput<typeof BulkProducts>;

export const ProductsUpserted = v.object({
	created: v.number(),
	updated: v.number(),
	items: v.array(v.object({ sku: v.string(), id: v.string(), created: v.boolean() }))
});
export type ProductsUpserted = v.InferOutput<typeof ProductsUpserted>;

// CSV files over HTTP, as the order import takes them: text, or gzip + base64 past 1 MiB.
export const CsvUpload = v.pipe(
	v.object({
		csv: v.optional(
			v.pipe(
				v.string(),
				v.maxLength(1_048_576),
				v.metadata(MULTI_LINE),
				v.metadata(NOT_STORED_TEXT)
			)
		),
		csvGzip: v.optional(
			v.pipe(
				v.string(),
				v.maxLength(1_400_000),
				v.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Send the gzip-compressed file as base64'),
				v.metadata(NOT_STORED_TEXT)
			)
		),
		/** Check and preview only; nothing is written. */
		dryRun: v.optional(v.boolean(), false)
	}),
	v.check(
		(body) => (body.csv === undefined) !== (body.csvGzip === undefined),
		'Send the file as either csv or csvGzip'
	)
);
export type CsvUpload = v.InferOutput<typeof CsvUpload>;

export const CsvImportResult = v.object({
	kind: v.picklist(['products', 'stock']),
	dryRun: v.boolean(),
	applied: v.boolean(),
	rows: v.number(),
	/** Products: created / updated. Stock: levels changed / left as they were. */
	created: v.number(),
	updated: v.number(),
	unchanged: v.number(),
	ignoredColumns: v.array(v.string()),
	/** The first rows as they will be written: what changes, from → to. */
	preview: v.array(
		v.object({
			line: v.number(),
			sku: v.string(),
			what: v.string(),
			from: v.nullable(v.string()),
			to: v.string()
		})
	)
});
export type CsvImportResult = v.InferOutput<typeof CsvImportResult>;
