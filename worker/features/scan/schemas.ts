import * as v from 'valibot';
import { StockStatus } from '../inventory/schemas';

// What a scanner can type: a barcode, a SKU, ORD-…, RET-… or a bin label. Printable
// ASCII only (a scanner sends nothing else), so a code never carries a card number's
// spaces or a person's free text into a lookup.
export const ScanParams = v.object({
	code: v.pipe(
		v.string(),
		v.trim(),
		v.minLength(1, 'Scan or type a code'),
		v.maxLength(64, 'A code is at most 64 characters'),
		v.regex(/^[\x21-\x7e]+$/, 'A code is letters, digits and punctuation, no spaces')
	)
});
export type ScanParams = v.InferOutput<typeof ScanParams>;

const BinLevel = v.object({
	locationId: v.string(),
	code: v.string(),
	name: v.string(),
	onHand: v.number(),
	reserved: v.number(),
	available: v.number(),
	status: StockStatus,
	bin: v.nullable(v.string())
});

const ProductMatch = v.object({
	kind: v.literal('product'),
	id: v.string(),
	sku: v.string(),
	barcode: v.nullable(v.string()),
	name: v.string(),
	onHand: v.number(),
	available: v.number(),
	/** Every location, by code, with the bin the product sits in there. */
	stock: v.array(BinLevel)
});

const OrderMatch = v.object({
	kind: v.literal('order'),
	id: v.string(),
	number: v.string(),
	status: v.string(),
	placedAt: v.number(),
	/** Only for people who may read customers (customers.read): a warehouse role sees null. */
	customerName: v.nullable(v.string())
});

const ReturnMatch = v.object({
	kind: v.literal('return'),
	id: v.string(),
	number: v.string(),
	status: v.string(),
	orderId: v.string(),
	orderNumber: v.string()
});

const BinMatch = v.object({
	kind: v.literal('bin'),
	/** The label as scanned: `<LOCATION>:<BIN>` or the bin alone. */
	label: v.string(),
	bin: v.string(),
	items: v.array(
		v.object({
			productId: v.string(),
			sku: v.string(),
			name: v.string(),
			locationCode: v.string(),
			onHand: v.number(),
			available: v.number()
		})
	)
});

export const ScanMatch = v.variant('kind', [ProductMatch, OrderMatch, ReturnMatch, BinMatch]);
export type ScanMatch = v.InferOutput<typeof ScanMatch>;

export const ScanResult = v.object({
	code: v.string(),
	/** Best first: a product, an order, a return, a bin. Empty: nothing has this code. */
	matches: v.array(ScanMatch)
});
export type ScanResult = v.InferOutput<typeof ScanResult>;
