import { and, eq, or, sql } from 'drizzle-orm';
import { customers } from '../../../db/schema/customers';
import { locations, products, stockLevels } from '../../../db/schema/inventory';
import { orders } from '../../../db/schema/orders';
import { returns } from '../../../db/schema/returns';
import { actorMay } from '../../core/access/actor-may';
import type { Ctx } from '../../core/context';
import { stockStatus } from '../inventory/stock-status';
import { parseBinLabel } from './bin-label';
import type { ScanMatch, ScanResult } from './schemas';

const BIN_ITEMS_LIMIT = 200;

/**
 * What a scanned code names, in ONE round trip (a batch of indexed lookups): a product by
 * barcode or SKU, an order or a return by number, a bin by its label. Orders and returns
 * are only looked up for people who may read them, and a customer's name only for people
 * who may read customers: a warehouse phone scanning a parcel sees the order, not who.
 */
export async function resolveCode({ ctx, code }: { ctx: Ctx; code: string }): Promise<ScanResult> {
	const { db } = ctx;
	const upper = code.toUpperCase();
	const bin = parseBinLabel(code);
	const seeOrders = actorMay(ctx.actor, 'orders.read');
	const seeReturns = actorMay(ctx.actor, 'returns.read');
	const seeCustomers = actorMay(ctx.actor, 'customers.read');
	const noRows = sql`0`;

	const [productRows, orderRows, returnRows, binRows] = await db.batch([
		db
			.select({
				id: products.id,
				sku: products.sku,
				barcode: products.barcode,
				name: products.name,
				reorderPoint: products.reorderPoint,
				locationId: locations.id,
				code: locations.code,
				locationName: locations.name,
				onHand: sql<number>`coalesce(${stockLevels.onHand}, 0)`,
				reserved: sql<number>`coalesce(${stockLevels.reserved}, 0)`,
				bin: stockLevels.bin
			})
			.from(products)
			.innerJoin(locations, sql`1`)
			.leftJoin(
				stockLevels,
				and(eq(stockLevels.productId, products.id), eq(stockLevels.locationId, locations.id))
			)
			// Each arm is a unique index (products_barcode, products_sku).
			.where(or(eq(products.barcode, code), eq(products.sku, upper)))
			.orderBy(products.id, locations.code),
		db
			.select({
				id: orders.id,
				number: orders.number,
				status: orders.status,
				placedAt: orders.placedAt,
				customerName: seeCustomers ? customers.name : sql<null>`NULL`
			})
			.from(orders)
			.leftJoin(customers, eq(customers.id, orders.customerId))
			.where(seeOrders ? or(eq(orders.number, code), eq(orders.number, upper)) : noRows),
		db
			.select({
				id: returns.id,
				number: returns.number,
				status: returns.status,
				orderId: orders.id,
				orderNumber: orders.number
			})
			.from(returns)
			.innerJoin(orders, eq(orders.id, returns.orderId))
			.where(seeReturns ? or(eq(returns.number, code), eq(returns.number, upper)) : noRows),
		db
			.select({
				productId: products.id,
				sku: products.sku,
				name: products.name,
				locationCode: locations.code,
				onHand: stockLevels.onHand,
				reserved: stockLevels.reserved
			})
			.from(stockLevels)
			.innerJoin(locations, eq(locations.id, stockLevels.locationId))
			.innerJoin(products, eq(products.id, stockLevels.productId))
			// stock_levels_bin (migration `scanner`); the location narrows it when the label names one.
			.where(
				bin.location
					? and(eq(stockLevels.bin, bin.bin), eq(locations.code, bin.location))
					: eq(stockLevels.bin, bin.bin)
			)
			.orderBy(locations.code, products.sku)
			.limit(BIN_ITEMS_LIMIT)
	]);

	const matches: ScanMatch[] = [...productMatches(productRows)];
	for (const o of orderRows) matches.push({ kind: 'order', ...o, customerName: o.customerName });
	for (const r of returnRows) matches.push({ kind: 'return', ...r });
	if (binRows.length > 0) {
		matches.push({
			kind: 'bin',
			label: code,
			bin: bin.bin,
			items: binRows.map(({ reserved, ...row }) => ({ ...row, available: row.onHand - reserved }))
		});
	}
	return { code, matches };
}

type ProductRow = {
	id: string;
	sku: string;
	barcode: string | null;
	name: string;
	reorderPoint: number;
	locationId: string;
	code: string;
	locationName: string;
	onHand: number;
	reserved: number;
	bin: string | null;
};

function productMatches(rows: ProductRow[]): ScanMatch[] {
	const byId = new Map<string, Extract<ScanMatch, { kind: 'product' }>>();
	for (const row of rows) {
		let match = byId.get(row.id);
		if (!match) {
			const { id, sku, barcode, name } = row;
			match = { kind: 'product', id, sku, barcode, name, onHand: 0, available: 0, stock: [] };
			byId.set(row.id, match);
		}
		const available = row.onHand - row.reserved;
		match.onHand += row.onHand;
		match.available += available;
		match.stock.push({
			locationId: row.locationId,
			code: row.code,
			name: row.locationName,
			onHand: row.onHand,
			reserved: row.reserved,
			available,
			status: stockStatus(available, row.reorderPoint),
			bin: row.bin
		});
	}
	return [...byId.values()];
}
