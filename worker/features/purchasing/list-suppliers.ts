import { sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context';
import { supplierJson } from './create-supplier';
import type { SupplierList } from './schemas';

/** Every supplier by name (index suppliers_name); a shop has tens, not thousands. */
export async function listSuppliers({ ctx }: { ctx: Ctx }): Promise<SupplierList> {
	const rows = await ctx.db.all<{ body: string }>(
		sql`SELECT json_object('items', (SELECT json_group_array(json(item)) FROM
			(SELECT ${supplierJson} AS item FROM suppliers s ORDER BY s.name, s.id))) AS body`
	);
	return JSON.parse(rows[0]!.body) as SupplierList;
}
