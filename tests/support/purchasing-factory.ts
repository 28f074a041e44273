import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { PurchaseOrderStatus } from '../../db/schema/purchasing';

// One-line setup for reordering tests (suppliers, their items, purchase orders).

export async function createSupplier(
	db: Db,
	{ name = 'Test Supplies Ltd', leadTimeDays = 5, currency = 'GBP' } = {}
) {
	const id = crypto.randomUUID();
	await db.run(
		sql`INSERT INTO suppliers (id, name, email, lead_time_days, currency)
			VALUES (${id}, ${name}, 'orders@supplier.test', ${leadTimeDays}, ${currency})`
	);
	return { id, name, leadTimeDays };
}

export async function supplyItem(
	db: Db,
	{
		supplierId,
		productId,
		unitCostMinor,
		packSize = 1,
		lastPaidUnitCostMinor = null
	}: {
		supplierId: string;
		productId: string;
		unitCostMinor: number;
		packSize?: number;
		lastPaidUnitCostMinor?: number | null;
	}
) {
	await db.run(
		sql`INSERT INTO supplier_items (supplier_id, product_id, supplier_code, pack_size, unit_cost_minor, last_paid_unit_cost_minor)
			VALUES (${supplierId}, ${productId}, ${'S-' + productId.slice(0, 6)}, ${packSize}, ${unitCostMinor}, ${lastPaidUnitCostMinor})`
	);
}

let poSeq = 0;

/** A purchase order written straight to the database in the given status. */
export async function createPurchaseOrder(
	db: Db,
	{
		supplierId,
		locationId,
		status = 'sent',
		lines,
		count = 1
	}: {
		supplierId: string;
		locationId: string;
		status?: PurchaseOrderStatus;
		lines: { productId: string; orderedQty: number; unitCostMinor: number }[];
		count?: number;
	}
): Promise<string[]> {
	const ids = Array.from({ length: count }, () => crypto.randomUUID());
	await db.batch([
		db.run(sql`SELECT 1`),
		...ids.flatMap((id) => [
			db.run(
				sql`INSERT INTO purchase_orders (id, number, supplier_id, location_id, status)
					VALUES (${id}, ${`PO-T${process.pid}-${++poSeq}`}, ${supplierId}, ${locationId}, ${status})`
			),
			...lines.map((l, i) =>
				db.run(
					sql`INSERT INTO purchase_order_lines (purchase_order_id, line, product_id, ordered_qty, unit_cost_minor)
						VALUES (${id}, ${i + 1}, ${l.productId}, ${l.orderedQty}, ${l.unitCostMinor})`
				)
			)
		])
	]);
	return ids;
}
