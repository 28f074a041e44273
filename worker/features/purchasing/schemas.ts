import * as v from 'valibot';
import { PURCHASE_ORDER_STATUSES } from '../../../db/schema/purchasing';
import { freeText } from '../../core/free-text';

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const Units = (max: number, what: string) =>
	v.pipe(
		v.number(`${what}: use a number`),
		v.integer(`${what}: use a whole number`),
		v.minValue(0, `${what} cannot be below 0`),
		v.maxValue(max, `${what}: at most ${max}`)
	);
const Money = v.pipe(
	v.number('Use an amount in minor units (pence)'),
	v.integer('Use whole minor units (pence), not a decimal'),
	v.minValue(0, 'A cost cannot be negative'),
	v.maxValue(100_000_000)
);
const Iso = v.pipe(v.string(), v.isoTimestamp('Use an ISO 8601 time with zone'));
const count = (max: number, fallback: string) =>
	v.optional(
		v.pipe(v.string(), v.toNumber(), v.integer(), v.minValue(1), v.maxValue(max)),
		fallback
	);

export const IdParams = v.object({ id: Id });
export const LevelParams = v.object({ productId: Id, locationId: Id });
export const SupplierItemParams = v.object({ id: Id, productId: Id });

// ── Alerts ──────────────────────────────────────────────────────────────────────
export const ListAlerts = v.object({
	locationId: v.optional(Id),
	limit: count(200, '50')
});
export type ListAlerts = v.InferOutput<typeof ListAlerts>;

export const Alert = v.object({
	id: v.string(),
	productId: v.string(),
	sku: v.string(),
	name: v.string(),
	locationId: v.string(),
	locationCode: v.string(),
	openedAt: v.string(),
	availableAtOpen: v.number(),
	reorderPoint: v.number(),
	/** Now. */
	onHand: v.number(),
	available: v.number()
});
export const AlertList = v.object({ items: v.array(Alert), openCount: v.number() });
export type AlertList = v.InferOutput<typeof AlertList>;
export const AlertCount = v.object({ open: v.number() });
export type AlertCount = v.InferOutput<typeof AlertCount>;

// ── Reorder points ─────────────────────────────────────────────────────────────
export const SetReorderPoint = v.object({
	/** null: follow the product's default point. */
	reorderPoint: v.nullable(Units(1_000_000, 'Reorder point')),
	reorderQty: v.optional(
		v.nullable(
			v.pipe(Units(1_000_000, 'Reorder quantity'), v.minValue(1, 'Order at least 1 unit'))
		),
		null
	)
});
export type SetReorderPoint = v.InferOutput<typeof SetReorderPoint>;

export const ReorderLevel = v.object({
	productId: v.string(),
	locationId: v.string(),
	onHand: v.number(),
	reserved: v.number(),
	available: v.number(),
	/** The level's own point, or null when it follows the product's default. */
	reorderPoint: v.nullable(v.number()),
	reorderQty: v.nullable(v.number()),
	productReorderPoint: v.number(),
	effectiveReorderPoint: v.number(),
	alertOpen: v.boolean()
});
export type ReorderLevel = v.InferOutput<typeof ReorderLevel>;

export const SuggestQuery = v.object({
	days: count(365, '28'),
	safetyDays: v.optional(
		v.pipe(v.string(), v.toNumber(), v.integer(), v.minValue(0), v.maxValue(90)),
		'7'
	)
});
export type SuggestQuery = v.InferOutput<typeof SuggestQuery>;

export const Suggestion = v.object({
	productId: v.string(),
	locationId: v.string(),
	reorderPoint: v.number(),
	unitsSold: v.number(),
	days: v.number(),
	dailyVelocity: v.number(),
	leadTimeDays: v.number(),
	safetyDays: v.number(),
	supplierId: v.nullable(v.string()),
	supplierName: v.nullable(v.string()),
	currentReorderPoint: v.number(),
	reasoning: v.string()
});
export type Suggestion = v.InferOutput<typeof Suggestion>;

// ── Suppliers ──────────────────────────────────────────────────────────────────
export const CreateSupplier = v.object({
	name: freeText(120, 1),
	email: v.optional(
		v.nullable(v.pipe(freeText(254, 1), v.email('Use an email address, e.g. orders@supplier.com'))),
		null
	),
	leadTimeDays: v.pipe(Units(365, 'Lead time'), v.maxValue(365, 'Lead time: at most 365 days')),
	currency: v.optional(
		v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, 'Use a three-letter currency code, e.g. GBP')),
		'GBP'
	)
});
export type CreateSupplier = v.InferOutput<typeof CreateSupplier>;

export const Supplier = v.object({
	id: v.string(),
	name: v.string(),
	email: v.nullable(v.string()),
	leadTimeDays: v.number(),
	currency: v.string(),
	items: v.number()
});
export type Supplier = v.InferOutput<typeof Supplier>;
export const SupplierList = v.object({ items: v.array(Supplier) });
export type SupplierList = v.InferOutput<typeof SupplierList>;

export const SupplierLine = v.object({
	productId: v.string(),
	sku: v.string(),
	name: v.string(),
	supplierCode: v.string(),
	packSize: v.number(),
	unitCostMinor: v.number(),
	lastPaidUnitCostMinor: v.nullable(v.number())
});
export const SupplierDetail = v.object({ ...Supplier.entries, lines: v.array(SupplierLine) });
export type SupplierDetail = v.InferOutput<typeof SupplierDetail>;

export const SetSupplierItem = v.object({
	supplierCode: freeText(64, 1),
	packSize: v.optional(
		v.pipe(Units(100_000, 'Pack size'), v.minValue(1, 'A pack holds at least 1 unit')),
		1
	),
	unitCostMinor: Money
});
export type SetSupplierItem = v.InferOutput<typeof SetSupplierItem>;

export const SupplierItem = v.object({
	supplierId: v.string(),
	productId: v.string(),
	supplierCode: v.string(),
	packSize: v.number(),
	unitCostMinor: v.number(),
	lastPaidUnitCostMinor: v.nullable(v.number())
});
export type SupplierItem = v.InferOutput<typeof SupplierItem>;

// ── Reorder screen ─────────────────────────────────────────────────────────────
export const ReorderQuery = v.object({ locationId: Id });
export type ReorderQuery = v.InferOutput<typeof ReorderQuery>;

const Diff = v.nullable(v.object({ amountMinor: v.number(), percent: v.nullable(v.number()) }));
export const CostComparison = v.object({
	newUnitCostMinor: v.number(),
	lastPaidUnitCostMinor: v.nullable(v.number()),
	averageCostMinor: v.nullable(v.number()),
	vsLastPaid: Diff,
	vsAverage: Diff,
	margin: v.object({
		priceMinor: v.number(),
		beforeMinor: v.nullable(v.number()),
		beforePercent: v.nullable(v.number()),
		afterMinor: v.number(),
		afterPercent: v.nullable(v.number())
	})
});

export const ProposalLine = v.object({
	productId: v.string(),
	sku: v.string(),
	name: v.string(),
	supplierCode: v.nullable(v.string()),
	available: v.number(),
	reorderPoint: v.number(),
	onOrder: v.number(),
	packSize: v.number(),
	quantity: v.number(),
	/** Null for products no supplier sells. */
	cost: v.nullable(CostComparison),
	lineTotalMinor: v.nullable(v.number())
});
export type ProposalLine = v.InferOutput<typeof ProposalLine>;

export const ProposalGroup = v.object({
	/** Null: products at or below their point that no supplier is set up for. */
	supplier: v.nullable(
		v.object({ id: v.string(), name: v.string(), leadTimeDays: v.number(), currency: v.string() })
	),
	lines: v.array(ProposalLine),
	totalMinor: v.number()
});
export const ReorderProposal = v.object({
	locationId: v.string(),
	groups: v.array(ProposalGroup)
});
export type ReorderProposal = v.InferOutput<typeof ReorderProposal>;

export const DraftPurchaseOrders = v.object({ locationId: Id });
export type DraftPurchaseOrders = v.InferOutput<typeof DraftPurchaseOrders>;

// ── Purchase orders ─────────────────────────────────────────────────────────────
export const PurchaseOrderLine = v.object({
	line: v.number(),
	productId: v.string(),
	sku: v.string(),
	name: v.string(),
	barcode: v.nullable(v.string()),
	supplierCode: v.nullable(v.string()),
	orderedQty: v.number(),
	receivedQty: v.number(),
	unitCostMinor: v.number(),
	/** For the comparison: the supplier's last price paid, the product's average and price. */
	lastPaidUnitCostMinor: v.nullable(v.number()),
	averageCostMinor: v.nullable(v.number()),
	priceMinor: v.number()
});

export const PurchaseOrder = v.object({
	id: v.string(),
	number: v.string(),
	status: v.picklist(PURCHASE_ORDER_STATUSES),
	version: v.number(),
	supplier: v.object({
		id: v.string(),
		name: v.string(),
		email: v.nullable(v.string()),
		leadTimeDays: v.number()
	}),
	locationId: v.string(),
	locationCode: v.string(),
	currency: v.string(),
	totalMinor: v.number(),
	createdAt: v.string(),
	approvedAt: v.nullable(v.string()),
	sentAt: v.nullable(v.string()),
	lines: v.array(PurchaseOrderLine)
});
export type PurchaseOrder = v.InferOutput<typeof PurchaseOrder>;

/** GET /purchase-orders/:id: each line with its cost comparison (costs.ts compareCost). */
export const PurchaseOrderDetail = v.object({
	...PurchaseOrder.entries,
	lines: v.array(v.object({ ...PurchaseOrderLine.entries, cost: CostComparison }))
});
export type PurchaseOrderDetail = v.InferOutput<typeof PurchaseOrderDetail>;

export const PurchaseOrderSummary = v.object({
	id: v.string(),
	number: v.string(),
	status: v.picklist(PURCHASE_ORDER_STATUSES),
	version: v.number(),
	supplierName: v.string(),
	locationCode: v.string(),
	lines: v.number(),
	totalMinor: v.number(),
	createdAt: v.string()
});
export const PurchaseOrderList = v.object({ items: v.array(PurchaseOrderSummary) });
export type PurchaseOrderList = v.InferOutput<typeof PurchaseOrderList>;
export const DraftResult = v.object({ created: v.array(PurchaseOrderSummary) });
export type DraftResult = v.InferOutput<typeof DraftResult>;

export const ListPurchaseOrders = v.object({
	status: v.optional(v.picklist(PURCHASE_ORDER_STATUSES, 'Use a purchase order status')),
	limit: count(200, '50')
});
export type ListPurchaseOrders = v.InferOutput<typeof ListPurchaseOrders>;

export const MovePurchaseOrder = v.object({
	/** The version the manager looked at: a changed order is a 409, not a blind approval. */
	expectVersion: v.pipe(v.number(), v.integer(), v.minValue(1))
});
export type MovePurchaseOrder = v.InferOutput<typeof MovePurchaseOrder>;

export const ReceivePurchaseOrder = v.object({
	lines: v.pipe(
		v.array(
			v.object({
				line: v.pipe(v.number(), v.integer('Use a line number'), v.minValue(1), v.maxValue(10_000)),
				quantity: v.pipe(
					v.number('Use a number of units'),
					v.integer('Use a whole number of units'),
					v.minValue(1, 'Receive at least 1 unit'),
					v.maxValue(1_000_000)
				)
			})
		),
		v.minLength(1, 'Receive at least one line'),
		v.maxLength(500),
		v.check(
			(lines) => new Set(lines.map((l) => l.line)).size === lines.length,
			'Each line once: add the quantities of a line together'
		)
	),
	/** Required to accept more than was ordered (kept in the ledger and the audit log). */
	overReceiptReason: v.optional(v.nullable(freeText(200, 1)), null),
	/** When the device recorded it (offline outbox), ISO with zone. */
	receivedAt: v.optional(Iso)
});
export type ReceivePurchaseOrder = v.InferOutput<typeof ReceivePurchaseOrder>;
