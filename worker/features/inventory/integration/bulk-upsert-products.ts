import type { Ctx } from '../../../core/context';
import { Invalid } from '../../../core/errors';
import { mutate } from '../../../core/mutate';
import { auditEntry } from '../../audit/record';
import type { BulkProducts, ProductsUpserted } from './schemas';
import { barcodeConflict, planUpsert, upsertResult, upsertWrites } from './upsert-products';

/**
 * Creates or updates up to MAX_BULK_PRODUCTS products by SKU, all or none (decide, then
 * write: one read of what exists, one batch). A row repeated in the request is a 422, a
 * barcode another product holds a 409; each names its row (`products.3.barcode`).
 */
export async function bulkUpsertProducts({
	ctx,
	input
}: {
	ctx: Ctx;
	input: BulkProducts;
}): Promise<ProductsUpserted> {
	const { plan, errors } = await planUpsert(
		ctx,
		input.products,
		(i, field) => `products.${i}.${field}`
	);
	const keys = Object.keys(errors);
	if (keys.some((k) => errors[k]!.some((m) => m.includes(' is also on '))))
		throw new Invalid(
			'products-repeated',
			'Some products are in the request twice',
			'Nothing was written. Send each SKU and barcode once.',
			errors
		);
	if (keys.length > 0) throw barcodeConflict(errors);
	const created = input.products.filter((p) => !plan.existing.has(p.sku)).length;
	return mutate<ProductsUpserted>(ctx, {
		writes: [
			...upsertWrites(ctx, plan),
			auditEntry(ctx, {
				action: 'product.bulk_upsert',
				target: { type: 'products', id: ctx.requestId },
				details: { rows: input.products.length, created, updated: input.products.length - created }
			})
		],
		result: upsertResult(plan)
	});
}
