import type { FulfilmentStatus, OrderStatus, PaymentStatus } from '../../../db/schema/orders';
import type { Preset } from './import-formats';
import { matchReturns, type PlannedReturn, type Unmatched } from './import-returns';
import type { Address, ImportRow, RowError } from './import-rows';

// Decide (pure, unit-testable): typed rows + what the database already holds → the orders,
// lines, returns, customers and products to write, or every row error. Nothing here moves
// stock: imported orders are history (their goods left long ago), so they reserve nothing
// and write no ledger movement; current stock levels stay exactly as they were.

export type ImportSnapshot = {
	customersByNumber: ReadonlyMap<string, string>;
	customersByEmail: ReadonlyMap<string, string>;
	productsBySku: ReadonlyMap<string, string>;
	/** external_ref → the Ordo number it was imported as. */
	importedOrders: ReadonlyMap<string, string>;
	importedReturns: ReadonlySet<string>;
};

export type PlannedLine = {
	line: number;
	kind: 'product' | 'shipping';
	productId: string | null;
	sku: string;
	name: string;
	quantity: number;
	unitPriceMinor: number;
	discountMinor: number;
	taxMinor: number;
	netMinor: number;
	quantityShipped: number;
	quantityReturned: number;
	/** Matching key for returns: the customer as the source names them, and the SKU. */
	customerKey: string | null;
};

export type PlannedOrder = {
	id: string;
	ref: string;
	firstLine: number;
	placedAt: number;
	customerId: string | null;
	customerLabel: string | null;
	currency: string;
	status: OrderStatus;
	paymentStatus: PaymentStatus;
	fulfilmentStatus: FulfilmentStatus;
	subtotalMinor: number;
	discountMinor: number;
	shippingMinor: number;
	taxMinor: number;
	totalMinor: number;
	refundedMinor: number;
	cancelledAt: number | null;
	shippingAddress: Address | null;
	billingAddress: Address | null;
	lines: PlannedLine[];
};

export type NewCustomer = {
	id: string;
	number: string;
	name: string;
	email: string | null;
	phone: string | null;
	country: string | null;
	createdAt: number;
};
export type NewProduct = {
	id: string;
	sku: string;
	name: string;
	priceMinor: number;
	currency: string;
};

export type ImportPlan = {
	orders: PlannedOrder[];
	returns: PlannedReturn[];
	customers: NewCustomer[];
	products: NewProduct[];
	unmatched: Unmatched[];
	errors: RowError[];
	alreadyImported: { line: number; ref: string; number: string | null }[];
};

/** Splits `total` over `values` in proportion, the remainder to the largest first; exact. */
export function splitByValue(total: number, values: readonly number[]): number[] {
	const base = values.reduce((a, b) => a + b, 0);
	if (base === 0 || total === 0) return values.map(() => 0);
	const shares = values.map((v) => Math.floor((v * total) / base));
	let left = total - shares.reduce((a, b) => a + b, 0);
	const order = values.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]);
	for (let k = 0; left > 0; k = (k + 1) % order.length) {
		shares[order[k]![1]]! += 1;
		left -= 1;
	}
	return shares;
}

const FINANCIAL: Record<string, PaymentStatus> = {
	paid: 'paid',
	authorized: 'authorized',
	partially_refunded: 'partially_refunded',
	refunded: 'refunded',
	voided: 'unpaid',
	pending: 'unpaid',
	unpaid: 'unpaid'
};

const money = (minor: number) => (minor / 100).toFixed(2);

type Ids = { next(): string };
type Customers = { resolve(row: ImportRow): { id: string | null; key: string | null } };

function customerResolver(snapshot: ImportSnapshot, created: NewCustomer[], ids: Ids): Customers {
	const made = new Map<string, string>();
	return {
		resolve(row) {
			const key = row.customer ? `#${row.customer}` : row.email ? `@${row.email}` : null;
			if (!key) return { id: null, key };
			const existing = row.customer
				? snapshot.customersByNumber.get(row.customer)
				: snapshot.customersByEmail.get(row.email!);
			if (existing) return { id: existing, key };
			const again = made.get(key);
			if (again) return { id: again, key };
			const id = ids.next();
			made.set(key, id);
			created.push({
				id,
				// A file without customer numbers (Shopify) gets one Ordo can say: IMP-…
				number: row.customer ?? `IMP-${id.slice(0, 8).toUpperCase()}`,
				name: row.customerName ?? (row.customer ? `Customer ${row.customer}` : row.email!),
				email: row.email,
				phone: row.phone,
				country: row.country,
				createdAt: row.placedAt
			});
			return { id, key };
		}
	};
}

function statusOf(
	first: ImportRow,
	lifecycleMapped: boolean
):
	| { ok: true; status: OrderStatus; payment: PaymentStatus; shipped: boolean }
	| { ok: false; message: string } {
	const payment = first.financialStatus ? FINANCIAL[first.financialStatus] : 'paid';
	if (!payment)
		return {
			ok: false,
			message: `order ${first.order}: financial status "${first.financialStatus}" is not one of ${Object.keys(FINANCIAL).join(', ')}`
		};
	if (first.cancelledAt !== null) return { ok: true, status: 'cancelled', payment, shipped: false };
	// No lifecycle columns (Online Retail): invoices of goods sent long ago.
	if (!lifecycleMapped) return { ok: true, status: 'delivered', payment, shipped: true };
	if (first.fulfilmentStatus === 'fulfilled')
		return { ok: true, status: 'shipped', payment, shipped: true };
	return {
		ok: false,
		message: `order ${first.order} is not fulfilled ("${first.fulfilmentStatus ?? 'unfulfilled'}"): only fulfilled or cancelled orders are history; place open orders in Ordo so their stock is reserved`
	};
}

type Group = { ref: string; rows: ImportRow[] };

function groupByOrder(rows: readonly ImportRow[]): Group[] {
	const groups = new Map<string, Group>();
	for (const row of rows) {
		const g = groups.get(row.order) ?? { ref: row.order, rows: [] };
		g.rows.push(row);
		groups.set(row.order, g);
	}
	return [...groups.values()];
}

export type PlanInput = {
	rows: readonly ImportRow[];
	preset: Preset | null;
	lifecycleMapped: boolean;
	snapshot: ImportSnapshot;
	newId?: () => string;
};

export function planImport({
	rows,
	preset,
	lifecycleMapped,
	snapshot,
	newId
}: PlanInput): ImportPlan {
	const ids: Ids = { next: newId ?? (() => crypto.randomUUID()) };
	const customers: NewCustomer[] = [];
	const products: NewProduct[] = [];
	const errors: RowError[] = [];
	const alreadyImported: ImportPlan['alreadyImported'] = [];
	const resolver = customerResolver(snapshot, customers, ids);
	const newProducts = new Map<string, string>();
	const productOf = (row: ImportRow, currency: string): string | null => {
		// A charge (postage, a fee) keeps its code on the line and is no product.
		if (preset?.isProduct && !preset.isProduct(row.sku)) return null;
		const id = snapshot.productsBySku.get(row.sku) ?? newProducts.get(row.sku);
		if (id) return id;
		const created = ids.next();
		newProducts.set(row.sku, created);
		products.push({
			id: created,
			sku: row.sku,
			name: row.name,
			priceMinor: row.priceMinor,
			currency
		});
		return created;
	};
	const orders: PlannedOrder[] = [];
	const returnRows: ImportRow[] = [];
	for (const group of groupByOrder(rows)) {
		const sales = group.rows.filter((r) => r.quantity > 0);
		returnRows.push(...group.rows.filter((r) => r.quantity < 0));
		if (sales.length === 0) continue;
		const first = sales[0]!;
		const done = snapshot.importedOrders.get(group.ref);
		if (done !== undefined) {
			alreadyImported.push({ line: first.line, ref: group.ref, number: done });
			continue;
		}
		const planned = planOrder(group.ref, sales, { lifecycleMapped, resolver, productOf, ids });
		if ('message' in planned) errors.push({ line: planned.line, message: planned.message });
		else orders.push(planned);
	}
	const matched = matchReturns({ orders, returnRows, snapshot, ids, errors, alreadyImported });
	settleRefunds(orders, matched.returns);
	return {
		orders,
		returns: matched.returns,
		customers,
		products,
		unmatched: matched.unmatched,
		errors,
		alreadyImported
	};
}

type OrderDeps = {
	lifecycleMapped: boolean;
	resolver: Customers;
	productOf: (row: ImportRow, currency: string) => string | null;
	ids: Ids;
};

function planOrder(
	ref: string,
	sales: ImportRow[],
	{ lifecycleMapped, resolver, productOf, ids }: OrderDeps
): PlannedOrder | { line: number; message: string } {
	const first = sales[0]!;
	const mixed = sales.find((r) => r.currency !== first.currency);
	if (mixed)
		return {
			line: mixed.line,
			message: `order ${ref} mixes ${first.currency} and ${mixed.currency}`
		};
	const status = statusOf(first, lifecycleMapped);
	if (!status.ok) return { line: first.line, message: status.message };
	const values = sales.map((r) => r.quantity * r.priceMinor);
	const subtotal = values.reduce((a, b) => a + b, 0);
	const discount = first.discountMinor ?? 0;
	const shipping = first.shippingMinor ?? 0;
	const tax = first.taxMinor ?? 0;
	if (discount > subtotal)
		return {
			line: first.line,
			message: `order ${ref}: discount ${money(discount)} is more than its lines (${money(subtotal)})`
		};
	const exclusive = subtotal - discount + shipping + tax;
	const total = first.totalMinor ?? exclusive;
	// Prices with tax on top, or tax already inside them (Shopify says either way).
	const taxIncluded = total !== exclusive && total === exclusive - tax;
	if (total !== exclusive && !taxIncluded)
		return {
			line: first.line,
			message: `order ${ref}: total ${money(total)} does not add up (lines ${money(subtotal)} − discount ${money(discount)} + shipping ${money(shipping)} + tax ${money(tax)} = ${money(exclusive)})`
		};
	const refunded = first.refundedMinor ?? 0;
	if (refunded > total)
		return {
			line: first.line,
			message: `order ${ref}: refunded ${money(refunded)} is more than its total ${money(total)}`
		};
	const discounts = splitByValue(discount, values);
	const taxes = splitByValue(
		tax,
		values.map((v, i) => v - discounts[i]!)
	);
	const customer = resolver.resolve(first);
	const shipped = (q: number) => (status.shipped ? q : 0);
	const lines: PlannedLine[] = sales.map((r, i) => ({
		line: i + 1,
		kind: 'product',
		productId: productOf(r, first.currency),
		sku: r.sku,
		name: r.name,
		quantity: r.quantity,
		unitPriceMinor: r.priceMinor,
		discountMinor: discounts[i]!,
		taxMinor: taxes[i]!,
		netMinor: values[i]! - discounts[i]! + (taxIncluded ? 0 : taxes[i]!),
		quantityShipped: shipped(r.quantity),
		quantityReturned: 0,
		customerKey: customer.key
	}));
	if (shipping > 0)
		lines.push({
			line: lines.length + 1,
			kind: 'shipping',
			productId: null,
			sku: 'SHIPPING',
			name: 'Shipping',
			quantity: 1,
			unitPriceMinor: shipping,
			discountMinor: 0,
			taxMinor: 0,
			netMinor: shipping,
			quantityShipped: shipped(1),
			quantityReturned: 0,
			customerKey: null
		});
	return {
		id: ids.next(),
		ref,
		firstLine: first.line,
		placedAt: Math.min(...sales.map((r) => r.placedAt)),
		customerId: customer.id,
		customerLabel: first.customerName ?? first.customer ?? first.email,
		currency: first.currency,
		status: status.status,
		paymentStatus: status.payment,
		fulfilmentStatus: status.shipped ? 'fulfilled' : 'unfulfilled',
		subtotalMinor: subtotal,
		discountMinor: discount,
		shippingMinor: shipping,
		taxMinor: tax,
		totalMinor: total,
		refundedMinor: refunded,
		cancelledAt: first.cancelledAt,
		shippingAddress: first.shippingAddress,
		billingAddress: first.billingAddress ?? first.shippingAddress,
		lines
	};
}

/** Returns recorded against an order move its payment and fulfilment status. */
function settleRefunds(orders: PlannedOrder[], returns: readonly PlannedReturn[]): void {
	const byId = new Map(orders.map((o) => [o.id, o]));
	for (const r of returns) {
		const order = byId.get(r.orderId)!;
		order.refundedMinor += r.refundMinor;
		if (order.paymentStatus === 'paid' || order.paymentStatus === 'partially_refunded')
			order.paymentStatus =
				order.refundedMinor >= order.totalMinor ? 'refunded' : 'partially_refunded';
	}
	for (const order of orders) {
		const products = order.lines.filter((l) => l.kind === 'product');
		if (
			products.some((l) => l.quantityReturned > 0) &&
			products.every((l) => l.quantityReturned === l.quantity)
		)
			order.fulfilmentStatus = 'returned';
	}
}
