import * as v from 'valibot';
import { freeText } from '../../core/free-text';

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));

export const SearchProducts = v.object({
	q: v.pipe(v.string(), v.trim(), v.minLength(1, 'Type something to search for'), v.maxLength(100)),
	limit: v.optional(
		v.pipe(v.string(), v.toNumber(), v.integer(), v.minValue(1), v.maxValue(50)),
		'20'
	)
});
export type SearchProducts = v.InferOutput<typeof SearchProducts>;

export const ProductParams = v.object({ id: Id });
export type ProductParams = v.InferOutput<typeof ProductParams>;

export const AdjustStock = v.object({
	productId: Id,
	locationId: Id,
	delta: v.pipe(
		v.number(),
		v.integer('Use a whole number of units'),
		v.minValue(-1_000_000),
		v.maxValue(1_000_000),
		v.check((n) => n !== 0, 'An adjustment must change the quantity')
	),
	reason: freeText(200, 1),
	deviceTime: v.optional(v.pipe(v.string(), v.isoTimestamp('Use an ISO 8601 time with zone')))
});
export type AdjustStock = v.InferOutput<typeof AdjustStock>;

export const ProductSummary = v.object({
	id: v.string(),
	sku: v.string(),
	barcode: v.nullable(v.string()),
	name: v.string(),
	priceMinor: v.number(),
	currency: v.string(),
	onHand: v.number(),
	available: v.number()
});
export type ProductSummary = v.InferOutput<typeof ProductSummary>;

export const ProductList = v.object({ items: v.array(ProductSummary) });

export const LocationStock = v.object({
	locationId: v.string(),
	code: v.string(),
	name: v.string(),
	onHand: v.number(),
	reserved: v.number(),
	available: v.number()
});

export const Movement = v.object({
	id: v.string(),
	locationId: v.string(),
	kind: v.string(),
	onHandDelta: v.number(),
	reservedDelta: v.number(),
	reason: v.string(),
	reference: v.nullable(v.string()),
	recordedAt: v.string()
});

export const ProductDetail = v.object({
	...ProductSummary.entries,
	reorderPoint: v.number(),
	stock: v.array(LocationStock),
	movements: v.array(Movement)
});
export type ProductDetail = v.InferOutput<typeof ProductDetail>;

export const StockLevel = v.object({
	productId: v.string(),
	locationId: v.string(),
	onHand: v.number(),
	reserved: v.number(),
	available: v.number(),
	movementId: v.string()
});
export type StockLevel = v.InferOutput<typeof StockLevel>;
