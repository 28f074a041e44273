import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { NotFound } from '../../core/errors';
import { supplierJson } from './create-supplier';
import type { SupplierDetail } from './schemas';

/**
 * One supplier with what it sells (the /suppliers/[id] page), in one query: the items come
 * from supplier_items' primary key (supplier_id, product_id), products by their id.
 */
export async function getSupplier({ ctx, id }: { ctx: Ctx; id: string }): Promise<SupplierDetail> {
	const rows = await ctx.db.all<{ body: string }>(
		sql`SELECT json_set(${supplierJson}, '$.lines', (SELECT json_group_array(json(line)) FROM
			(SELECT json_object('productId', p.id, 'sku', p.sku, 'name', p.name,
				'supplierCode', si.supplier_code, 'packSize', si.pack_size,
				'unitCostMinor', si.unit_cost_minor, 'lastPaidUnitCostMinor', si.last_paid_unit_cost_minor) AS line
			FROM supplier_items si JOIN products p ON p.id = si.product_id
			WHERE si.supplier_id = s.id ORDER BY p.sku))) AS body
			FROM suppliers s WHERE s.id = ${id}`
	);
	if (!rows[0])
		throw new NotFound('supplier-not-found', 'No such supplier', `No supplier has id ${id}.`);
	return JSON.parse(rows[0].body) as SupplierDetail;
}
