import * as v from 'valibot';
import { MOVEMENT_KINDS } from '../../../db/schema/inventory';
import { freeText } from '../../core/free-text';

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));

export const SearchProducts = v.object({
	q: v.pipe(v.string(), v.trim(), v.minLength(1, 'Type something to search for'), v.maxLength(100)),
	limit: v.optional(
		v.pipe(v.string(), v.toNumber(), v.integer(), v.minValue(1), v.maxValue(50)),
		'20'
	),
	cursor: v.optional(
		v.pipe(v.string(), v.regex(/^[0-2]~[\w-]{1,64}$/, 'Use the nextCursor of a page'))
	)
});
export type SearchProducts = v.InferOutput<typeof SearchProducts>;

export const ProductParams = v.object({ id: Id });
export type ProductParams = v.InferOutput<typeof ProductParams>;

export const ADJUST_REASONS = ['damaged', 'found', 'lost', 'correction'] as const;
export const ADJUST_REASON_LABELS: Record<(typeof ADJUST_REASONS)[number], string> = {
	damaged: 'Damaged',
	found: 'Found',
	lost: 'Lost',
	correction: 'Correction'
};

/**
 * An adjustment: `reasonCode` (issue 8) with an optional `note`, or the older free-text
 * `reason` alone (kept so existing clients and integrations go on working). Found stock
 * only adds; damaged and lost stock only takes away.
 */
export const AdjustStock = v.pipe(
	v.object({
		productId: Id,
		locationId: Id,
		delta: v.pipe(
			v.number(),
			v.integer('Use a whole number of units'),
			v.minValue(-1_000_000),
			v.maxValue(1_000_000),
			v.check((n) => n !== 0, 'An adjustment must change the quantity')
		),
		reason: v.optional(freeText(200, 1)),
		reasonCode: v.optional(v.picklist(ADJUST_REASONS, 'Use damaged, found, lost or correction')),
		note: v.optional(freeText(200)),
		deviceTime: v.optional(v.pipe(v.string(), v.isoTimestamp('Use an ISO 8601 time with zone')))
	}),
	v.forward(
		v.check((a) => a.reason !== undefined || a.reasonCode !== undefined, 'Give a reason'),
		['reasonCode']
	),
	v.forward(
		v.check(
			(a) =>
				!((a.reasonCode === 'damaged' || a.reasonCode === 'lost') && a.delta > 0) &&
				!(a.reasonCode === 'found' && a.delta < 0),
			'Damaged or lost stock is taken away (a negative change); found stock is added'
		),
		['delta']
	)
);
export type AdjustStock = v.InferOutput<typeof AdjustStock>;

export const STOCK_STATUSES = ['ok', 'low', 'out'] as const;
export const StockStatus = v.picklist(STOCK_STATUSES);
export type StockStatus = v.InferOutput<typeof StockStatus>;

/** A product's stock at one location, with the badge it earns there (stockStatus). */
export const LocationFigures = v.object({
	locationId: v.string(),
	code: v.string(),
	name: v.string(),
	onHand: v.number(),
	available: v.number(),
	status: StockStatus
});

const ProductFacts = {
	id: v.string(),
	sku: v.string(),
	barcode: v.nullable(v.string()),
	name: v.string(),
	priceMinor: v.number(),
	currency: v.string(),
	reorderPoint: v.number(),
	onHand: v.number(),
	available: v.number()
};

export const ProductSummary = v.object({
	...ProductFacts,
	/** Other active products with exactly this name: the list shows what tells them apart. */
	lookalikes: v.number(),
	/** Every location, by code; the client puts its own location first. */
	stock: v.array(LocationFigures)
});
export type ProductSummary = v.InferOutput<typeof ProductSummary>;

export const ProductList = v.object({
	items: v.array(ProductSummary),
	/** Pass as `cursor` (with `q` = resultsFor) for the next page; null on the last. */
	nextCursor: v.nullable(v.string()),
	/** The query the items answer: `q`, or its typo correction when `q` found nothing. */
	resultsFor: v.string(),
	/** A correction worth offering when `q` found only a few products. */
	didYouMean: v.nullable(v.string())
});
export type ProductList = v.InferOutput<typeof ProductList>;

export const LocationStock = v.object({
	locationId: v.string(),
	code: v.string(),
	name: v.string(),
	onHand: v.number(),
	reserved: v.number(),
	available: v.number(),
	/** Sent here by a transfer and not yet received: not on the shelf, not available. */
	inTransit: v.number(),
	status: StockStatus
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
	...ProductFacts,
	/** Units on their way between locations (every destination). */
	inTransit: v.number(),
	stock: v.array(LocationStock),
	/** The newest movements; older ones (or one kind) from /products/:id/movements. */
	movements: v.array(Movement),
	movementsNextCursor: v.nullable(v.string())
});
export type ProductDetail = v.InferOutput<typeof ProductDetail>;

export const ListMovements = v.object({
	kind: v.optional(v.picklist(MOVEMENT_KINDS, 'Use one of the ledger kinds')),
	limit: v.optional(
		v.pipe(v.string(), v.toNumber(), v.integer(), v.minValue(1), v.maxValue(100)),
		'20'
	),
	cursor: v.optional(
		v.pipe(v.string(), v.regex(/^\d{1,15}~[\w-]{1,64}$/, 'Use the nextCursor of a page'))
	)
});
export type ListMovements = v.InferOutput<typeof ListMovements>;

export const MovementPage = v.object({
	items: v.array(Movement),
	/** Pass as `cursor` for older movements; null when there are none. */
	nextCursor: v.nullable(v.string())
});
export type MovementPage = v.InferOutput<typeof MovementPage>;

export const StockLevel = v.object({
	productId: v.string(),
	locationId: v.string(),
	onHand: v.number(),
	reserved: v.number(),
	available: v.number(),
	movementId: v.string()
});
export type StockLevel = v.InferOutput<typeof StockLevel>;

// Issue 10: what a warehouse phone keeps for offline use, one location at a time.
export const CatalogueQuery = v.object({
	locationId: Id,
	/** The previous page's `nextCursor` (a product id): pages in id order. */
	after: v.optional(v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/, 'Use the nextCursor given'))),
	limit: v.optional(
		v.pipe(v.string(), v.toNumber(), v.integer(), v.minValue(1), v.maxValue(2000)),
		'1000'
	)
});
export type CatalogueQuery = v.InferOutput<typeof CatalogueQuery>;

export const CatalogueItem = v.object({
	id: v.string(),
	sku: v.string(),
	barcode: v.nullable(v.string()),
	name: v.string(),
	priceMinor: v.number(),
	currency: v.string(),
	reorderPoint: v.number(),
	/** At the location asked for (zero where it has none). */
	onHand: v.number(),
	reserved: v.number(),
	available: v.number(),
	status: StockStatus,
	bin: v.nullable(v.string())
});
export type CatalogueItem = v.InferOutput<typeof CatalogueItem>;

export const CataloguePage = v.object({
	items: v.array(CatalogueItem),
	nextCursor: v.nullable(v.string()),
	/** When the server read these figures (ISO 8601, UTC): the "as of" a device shows. */
	asOf: v.string()
});
export type CataloguePage = v.InferOutput<typeof CataloguePage>;
