import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../core/context';
import type { Quarantine } from './schemas';

/**
 * Returned units of a product waiting in quarantine (not yet inspected, or kept there): not
 * stock, not sellable, shown on the product page beside its stock. The partial index
 * return_units_quarantine answers it.
 */
export async function quarantineOf({
	ctx,
	productId
}: {
	ctx: Ctx;
	productId: string;
}): Promise<Quarantine> {
	const [row] = await ctx.db.all<{ units: number }>(sql`SELECT count(*) AS units FROM return_units
		WHERE product_id = ${productId} AND (disposition IS NULL OR disposition = 'quarantine')`);
	return { productId, units: Number(row?.units ?? 0) };
}
