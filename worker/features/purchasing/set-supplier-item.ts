import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { mutate } from '../../core/mutate';
import { auditEntry } from '../audit/record';
import type { SetSupplierItem, SupplierItem } from './schemas';

/**
 * What a supplier calls a product, its pack size and current unit cost (an upsert). The
 * last price paid is kept: only a receipt changes it. Unknown supplier or product: 422.
 */
export async function setSupplierItem({
	ctx,
	supplierId,
	productId,
	input
}: {
	ctx: Ctx;
	supplierId: string;
	productId: string;
	input: SetSupplierItem;
}): Promise<SupplierItem> {
	return mutate<SupplierItem>(ctx, {
		writes: [
			ctx.db.run(
				sql`INSERT INTO supplier_items (supplier_id, product_id, supplier_code, pack_size, unit_cost_minor, updated_at)
					VALUES (${supplierId}, ${productId}, ${input.supplierCode}, ${input.packSize}, ${input.unitCostMinor}, ${ctx.now})
					ON CONFLICT (supplier_id, product_id) DO UPDATE SET supplier_code = excluded.supplier_code,
						pack_size = excluded.pack_size, unit_cost_minor = excluded.unit_cost_minor, updated_at = excluded.updated_at`
			),
			auditEntry(ctx, {
				action: 'supplier.item',
				target: { type: 'supplier', id: supplierId },
				details: { productId, unitCostMinor: input.unitCostMinor, packSize: input.packSize }
			})
		],
		result: sql`SELECT json_object('supplierId', supplier_id, 'productId', product_id,
			'supplierCode', supplier_code, 'packSize', pack_size, 'unitCostMinor', unit_cost_minor,
			'lastPaidUnitCostMinor', last_paid_unit_cost_minor)
			FROM supplier_items WHERE supplier_id = ${supplierId} AND product_id = ${productId}`
	});
}
